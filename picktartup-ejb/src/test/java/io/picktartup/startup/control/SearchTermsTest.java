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

    /** The bench catalogue's shape: every description says "startup … tools", a sector word is in a twelfth. */
    private static final TermFrequencies CATALOGUE = TermFrequencies.of(java.util.Map.of(
            "startup", 1.0, "tools", 1.0, "toolset", 0.01, "바이오", 0.083, "바이", 0.083, "이오", 0.09,
            "핀테크", 0.083, "핀테", 0.083, "테크", 0.4, "fintech", 0.083));

    @Test
    void aNearUniversalWordIsCheckedOnTheRowsTheRarerWordsFound() {
        var plan = SearchTerms.plan("바이오 tools", CATALOGUE).orElseThrow();
        assertThat(plan.whole()).isEqualTo("(바이오:* | 바이 <-> 이오) & tools:*");
        assertThat(plan.indexed()).isEqualTo("(바이오:* | 바이 <-> 이오)");
        assertThat(plan.checked()).hasValue("tools:*");
        // the whole query is what the index would have been asked, and what ranks
        assertThat(SearchTerms.tsquery("바이오 tools")).hasValue(plan.whole());
    }

    @Test
    void everyWordStaysInTheIndexWhenNoneIsNearUniversal() {
        var rare = SearchTerms.plan("핀테크 next", CATALOGUE).orElseThrow();
        assertThat(rare.indexed()).isEqualTo(rare.whole()).isEqualTo("(핀테크:* | 핀테 <-> 테크) & next:*");
        assertThat(rare.checked()).isEmpty();
        // no statistics yet: as before, every term in the index
        var none = SearchTerms.plan("바이오 tools", TermFrequencies.NONE).orElseThrow();
        assertThat(none.indexed()).isEqualTo(none.whole());
        assertThat(none.checked()).isEmpty();
    }

    @Test
    void nothingIsLookedUpWhenEveryWordIsNearUniversal() {
        var alone = SearchTerms.plan("startup", CATALOGUE).orElseThrow();
        assertThat(alone.indexed()).isEmpty();
        assertThat(alone.checked()).hasValue("startup:*");
        assertThat(alone.whole()).isEqualTo("startup:*");
        var both = SearchTerms.plan("startup tools", CATALOGUE).orElseThrow();
        assertThat(both.indexed()).isEmpty();
        assertThat(both.checked()).hasValue("startup:* & tools:*");
        // beside a term under half the catalogue but not 4x rarer (테크, 0.4), every term is looked up, as before
        var mixed = SearchTerms.plan("startup 테크", CATALOGUE).orElseThrow();
        assertThat(mixed.indexed()).isEqualTo("startup:* & 테크");
        assertThat(mixed.checked()).isEmpty();
    }

    @Test
    void aTermsShareIsItsPrefixOrItsPhrase() {
        assertThat(SearchTerms.share("tool", CATALOGUE)).isEqualTo(1.0); // tools + toolset, capped
        assertThat(SearchTerms.share("fin", CATALOGUE)).isEqualTo(0.083);
        assertThat(SearchTerms.share("바이", CATALOGUE)).isEqualTo(0.083); // a bigram, exactly
        assertThat(SearchTerms.share("바이오", CATALOGUE)).isEqualTo(0.083 + 0.083, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SearchTerms.share("unknown", CATALOGUE)).isZero();
        assertThat(SearchTerms.share("startup", TermFrequencies.NONE)).isZero();
    }
}
