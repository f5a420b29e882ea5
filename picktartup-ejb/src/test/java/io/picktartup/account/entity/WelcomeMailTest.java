package io.picktartup.account.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WelcomeMailTest {

    @Test
    void greetsInKoreanAndEnglishWithTheWalletAndThePasswordWarning() {
        var mail = WelcomeMail.to("김투자", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(mail.subject()).contains("환영합니다", "Welcome");
        assertThat(mail.body()).contains("김투자님", "Dear 김투자", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "복구할 수 없으니", "cannot recover your wallet");
        assertThat(mail.body().indexOf("지갑 주소")).isLessThan(mail.body().indexOf("wallet address"));
    }
}
