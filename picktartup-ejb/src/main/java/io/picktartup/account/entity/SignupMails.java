package io.picktartup.account.entity;

/**
 * The two mails a signup causes, Korean first and English under it. Which one goes out is the only difference
 * between signing up with a new address and with one that has an account: the signup's answer is the same.
 */
public record SignupMails(String subject, String body) {

    /** To a new address: the link (and the token, for API clients) that verifies it. */
    public static SignupMails verification(String name, String link, String token, long hours) {
        return new SignupMails("Picktartup 이메일 주소를 확인해 주세요 / Confirm your email address for Picktartup", """
                %1$s님, Picktartup 가입을 마치려면 %3$d시간 안에 아래 링크를 열어 이메일 주소를 확인해 주세요.

                %2$s

                확인 코드: %4$s

                가입하신 적이 없다면 이 메일을 무시하세요. 확인하지 않은 계정으로는 로그인할 수 없습니다.

                ----

                Dear %1$s, to finish signing up for Picktartup, confirm your email address within %3$d hours by \
                opening this link:

                %2$s

                Verification code: %4$s

                If you did not sign up, ignore this mail: an unconfirmed account cannot log in.

                Picktartup
                """.formatted(name, link, hours, token));
    }

    /** To the owner of an existing account: someone tried to sign up with this address. */
    public static SignupMails attempt(String name) {
        return new SignupMails("Picktartup 가입 시도 알림 / Someone tried to sign up with your address", """
                %1$s님, 누군가 회원님의 이메일 주소로 Picktartup 가입을 시도했습니다. 이 주소에는 이미 계정이 있으므로 \
                아무것도 바뀌지 않았습니다.

                회원님이 시도하셨다면 기존 계정으로 로그인하세요. 아니라면 이 메일을 무시하셔도 됩니다.

                ----

                Dear %1$s, someone tried to sign up for Picktartup with your email address. This address already has \
                an account, so nothing was changed.

                If it was you, log in with your existing account. If not, you can ignore this mail.

                Picktartup
                """.formatted(name));
    }
}
