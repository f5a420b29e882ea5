package io.picktartup.round.control;

import io.picktartup.round.entity.InvestmentContractTerms;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractDocumentsTest {

    private static final ContractDocuments DOCUMENTS = new ContractDocuments();
    private static final String TERMS = """
            제1항 본 라운드의 목표 금액은 5억 원이며, 최소 투자 금액은 1만 원이다.

            제2항 회사는 투자금을 연구개발과 채용에 사용한다. Proceeds fund research and hiring.""";

    static InvestmentContractTerms terms(UUID id, String roundTerms) {
        Instant deadline = Instant.parse("2026-03-31T09:00:00Z");
        return new InvestmentContractTerms(id, LocalDate.of(2026, 3, 2), "김투자", "investor@example.com",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "주식회사 피크타트업", "이대표",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "시리즈 A 브리지", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                97, new BigInteger("150000000000000000000"), 150_000, 15, 10_000, 5_000_000_000L, deadline,
                deadline.minus(48, ChronoUnit.HOURS), roundTerms);
    }

    @Test
    void koreanAndEnglishTextRoundTripsThroughTextExtraction() throws IOException {
        byte[] pdf = DOCUMENTS.render(terms(UUID.fromString("0a1b2c3d-0000-4000-8000-000000000001"), TERMS));

        String text = text(pdf);
        assertThat(text).contains("투자계약서", "Investment Agreement", "주식회사 피크타트업", "김투자", "이대표",
                "시리즈 A 브리지", "PKT-IC-20260302-0A1B2C3D",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "150 PKN", "150,000원", "10,000원", "5,000,000,000원",
                // deadline and cut-off in Seoul time (UTC+9)
                "2026-03-31 18:00", "2026-03-29 18:00",
                "제1항 본 라운드의 목표 금액은 5억 원이며", "Proceeds fund research and hiring.",
                "에스크로", "Escrow", "자동 환불", "EIP-712", "SHA-256", "위험 고지", "Risk disclosure");
    }

    @Test
    void embedsTheKoreanFontAsIdentityHAndStaysSmall() throws IOException {
        byte[] pdf = DOCUMENTS.render(terms(UUID.randomUUID(), TERMS));

        assertThat(pdf.length).isLessThan(300 * 1024);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (var page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font).isInstanceOf(PDType0Font.class);
                assertThat(font.getName()).contains("NanumGothic");
                assertThat(font.getCOSObject().getNameAsString(COSName.ENCODING)).isEqualTo("Identity-H");
                assertThat(((PDType0Font) font).getDescendantFont().isEmbedded()).isTrue();
                assertThat(font.isEmbedded()).isTrue();
            });
            assertThat(fonts).extracting(PDFont::getName).anyMatch(n -> n.contains("NanumGothicBold"));
        }
    }

    @Test
    void equalTermsGiveEqualBytesAndTheContractDateAsCreationDate() throws IOException {
        var id = UUID.randomUUID();
        byte[] first = DOCUMENTS.render(terms(id, TERMS));
        byte[] second = DOCUMENTS.render(terms(id, TERMS));

        assertThat(second).isEqualTo(first);
        assertThat(ContractDocuments.sha256Hex(second)).isEqualTo(ContractDocuments.sha256Hex(first));
        // other terms, other document
        assertThat(DOCUMENTS.render(terms(id, TERMS + " 변경"))).isNotEqualTo(first);
        try (PDDocument document = Loader.loadPDF(first)) {
            Calendar created = document.getDocumentInformation().getCreationDate();
            assertThat(created.toInstant()).isEqualTo(Instant.parse("2026-03-01T15:00:00Z"));
        }
    }

    @Test
    void aLongTermsTextFlowsOverSeveralPages() throws IOException {
        var paragraphs = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            paragraphs.append("제").append(i).append("항 회사는 투자자에게 분기마다 재무제표와 주요 경영 현황을 보고하며, 투자자는 ")
                    .append("이를 제3자에게 공개하지 않는다. The company reports quarterly. 조항 ").append(i).append(" 끝.\n\n");
        }
        byte[] pdf = DOCUMENTS.render(terms(UUID.randomUUID(), paragraphs.toString()));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(4);
        }
        String text = text(pdf);
        assertThat(text).contains("조항 1 끝.", "조항 60 끝.", "4 쪽 / page");
        assertThat(pdf.length).isLessThan(300 * 1024);
    }

    @Test
    void hashIsHexPrefixedLowercaseSha256() {
        assertThat(ContractDocuments.sha256Hex(new byte[0]))
                .isEqualTo("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(ContractDocuments.sha256Hex(DOCUMENTS.render(terms(UUID.randomUUID(), TERMS))))
                .matches("0x[0-9a-f]{64}");
    }

    @Test
    void termsRefuseMissingPartsAndACutOffAfterTheDeadline() {
        var valid = terms(UUID.randomUUID(), TERMS);
        assertThatThrownBy(() -> new InvestmentContractTerms(null, valid.date(), valid.investorName(),
                valid.investorEmail(), valid.investorAddress(), valid.startupName(), valid.ceoName(),
                valid.startupWallet(), valid.roundName(), valid.roundAddress(), valid.chainId(), valid.amount(),
                valid.amountKrw(), valid.shares(), valid.pricePerShareKrw(), valid.preMoneyValuationKrw(),
                valid.deadline(), valid.cancelCutoff(), valid.terms())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvestmentContractTerms(valid.investmentId(), valid.date(), valid.investorName(),
                valid.investorEmail(), valid.investorAddress(), valid.startupName(), valid.ceoName(),
                valid.startupWallet(), valid.roundName(), valid.roundAddress(), valid.chainId(), valid.amount(),
                valid.amountKrw(), valid.shares(), valid.pricePerShareKrw(), valid.preMoneyValuationKrw(),
                valid.deadline(), valid.deadline().plusSeconds(1), valid.terms()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersQuicklyOnceTheFontsAreLoaded() {
        long start = System.nanoTime();
        DOCUMENTS.render(terms(UUID.randomUUID(), TERMS));
        long first = System.nanoTime() - start;
        int n = 10;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            DOCUMENTS.render(terms(UUID.randomUUID(), TERMS));
        }
        long each = (System.nanoTime() - start) / n;
        System.out.printf("[contract-pdf] first render (may include font loading) %d ms, then %d ms each, %d bytes%n",
                first / 1_000_000, each / 1_000_000, DOCUMENTS.render(terms(UUID.randomUUID(), TERMS)).length);
        assertThat(each / 1_000_000).isLessThan(2_000);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
