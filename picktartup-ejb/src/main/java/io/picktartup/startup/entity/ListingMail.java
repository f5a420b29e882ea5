package io.picktartup.startup.entity;

/** The mails an applicant receives when their listing is decided: Korean first, English under it. */
public record ListingMail(String subject, String body) {

    public static ListingMail approved(String applicant, String startupName) {
        return new ListingMail("[Picktartup] 스타트업 등록 승인 / Your startup is listed: " + startupName, """
                %1$s님,

                '%2$s'의 등록 신청이 승인되었습니다. 이제 대표 작업 공간(/ceo/)에서 회사 정보와 월간 지표를 관리하고 \
                투자 라운드를 준비할 수 있습니다.

                ----

                Dear %1$s,

                your application to list '%2$s' was approved. Your CEO workspace (/ceo/) is open: keep the profile and \
                monthly figures current and prepare a funding round there.

                Picktartup
                """.formatted(applicant, startupName));
    }

    public static ListingMail rejected(String applicant, String startupName, String reason) {
        return new ListingMail("[Picktartup] 스타트업 등록 반려 / Your listing application was declined: " + startupName, """
                %1$s님,

                '%2$s'의 등록 신청이 반려되었습니다.
                사유: %3$s

                내용을 보완하여 다시 신청하실 수 있습니다.

                ----

                Dear %1$s,

                your application to list '%2$s' was declined.
                Reason: %3$s

                You may apply again once it is addressed.

                Picktartup
                """.formatted(applicant, startupName, reason));
    }
}
