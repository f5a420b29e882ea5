package io.picktartup.account.entity;

/** Mails about a change to an account its owner should know of, Korean first and English under it. */
public record LifecycleMails(String subject, String body) {

    /** The login password was changed; every other session was ended. */
    public static LifecycleMails passwordChanged(String name) {
        return new LifecycleMails("Picktartup 비밀번호가 변경되었습니다 / Your Picktartup password was changed", """
                %1$s님, 회원님의 Picktartup 로그인 비밀번호가 변경되었고 다른 모든 기기의 로그인이 종료되었습니다.

                직접 변경하지 않으셨다면 즉시 관리자에게 연락해 주세요.

                ----

                Dear %1$s, the login password of your Picktartup account was changed, and every other session was \
                logged out.

                If you did not change it, contact us at once.

                Picktartup
                """.formatted(name));
    }
}
