package io.picktartup.coin.entity;

/**
 * The notice to a holder whose cash-out could not be paid to their bank account: the PKN are back in the wallet.
 * Korean first, English under it.
 */
public record PayoutReturnedMail(String subject, String body) {

    public static PayoutReturnedMail to(String name, CashOut cashOut) {
        String subject = "출금이 완료되지 못해 PKN을 돌려드렸습니다 / Your cash-out was returned to your wallet";
        String body = """
                %1$s님, %2$s(₩%3$,d)의 출금을 은행 계좌(%4$s %5$s)로 보내지 못했습니다.
                해당 PKN은 회원님의 지갑으로 다시 돌아갔습니다. 계좌 정보를 확인하신 뒤 다시 출금해 주세요.

                ----

                Dear %1$s, the cash-out of %2$s (₩%3$,d) could not be paid to your bank account (%4$s %5$s).
                The PKN are back in your wallet. Please check the account details and cash out again.

                Cash-out %6$s
                Picktartup
                """.formatted(name, cashOut.amount(), cashOut.krwAmount().value(), cashOut.bankCode(),
                cashOut.accountMasked(), cashOut.id());
        return new PayoutReturnedMail(subject, body);
    }
}
