package io.picktartup.startup.control;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTest {

    @Test
    void aKoreanFragmentBecomesAPhraseOfItsBigrams() {
        assertThat(SearchTerms.tsquery("핀테크")).hasValue("(핀테크:* | 핀테 <-> 테크)");
        assertThat(SearchTerms.tsquery("송금")).hasValue("송금");
        assertThat(SearchTerms.tsquery("핀")).hasValue("핀:*");
    }

    @Test
    void otherWordsArePrefixesAndEveryTermMustMatch() {
        assertThat(SearchTerms.tsquery("FinTech pay")).hasValue("fintech:* & pay:*");
        assertThat(SearchTerms.tsquery("AI헬스케어")).hasValue("ai:* & (헬스케어:* | 헬스 <-> 스케 <-> 케어)");
        assertThat(SearchTerms.tsquery("2024")).hasValue("2024:*");
    }

    @Test
    void nothingButLettersAndDigitsReachesTheQuery() {
        assertThat(SearchTerms.tsquery("a' | b:* & !c) <-> (d")).hasValue("a:* & b:* & c:* & d:*");
        assertThat(SearchTerms.tsquery("   ' & | ! ")).isEmpty();
        assertThat(SearchTerms.tsquery(null)).isEmpty();
    }

    @Test
    void decomposedHangulIsComposedFirst() {
        String decomposed = java.text.Normalizer.normalize("송금", java.text.Normalizer.Form.NFD);
        assertThat(decomposed).hasSize(6);
        assertThat(SearchTerms.tsquery(decomposed)).hasValue("송금");
    }

    @Test
    void termsAreBoundedAndRepeatsDropped() {
        assertThat(SearchTerms.terms("a b c d e f g h i j k")).hasSize(SearchTerms.MAX_TERMS);
        assertThat(SearchTerms.terms("pay PAY pay")).containsExactly("pay");
        assertThat(SearchTerms.terms("x".repeat(100)).get(0)).hasSize(SearchTerms.MAX_TERM_LENGTH);
    }
}
