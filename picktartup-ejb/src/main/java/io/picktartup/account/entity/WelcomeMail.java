package io.picktartup.account.entity;

/**
 * The mail a new account receives: Korean first, English under it, with the wallet address and the one thing a new
 * investor must not miss: the platform cannot recover a forgotten wallet password.
 */
public record WelcomeMail(String subject, String body) {

    public static WelcomeMail to(String name, String walletAddress) {
        String subject = "Picktartup에 오신 것을 환영합니다 / Welcome to Picktartup";
        String body = """
                %1$s님, Picktartup에 가입해 주셔서 감사합니다.

                회원님의 지갑 주소: %2$s

                중요: 지갑 비밀번호는 회원님만 알고 있으며 플랫폼에 저장되지 않습니다. 비밀번호를 잊으면 플랫폼도 \
                지갑을 복구할 수 없으니 안전한 곳에 보관해 주세요.

                ----

                Dear %1$s, thank you for joining Picktartup.

                Your wallet address: %2$s

                Important: only you know your wallet password; the platform does not store it. If you forget it, the \
                platform cannot recover your wallet, so keep it somewhere safe.

                Picktartup
                """.formatted(name, walletAddress);
        return new WelcomeMail(subject, body);
    }
}
