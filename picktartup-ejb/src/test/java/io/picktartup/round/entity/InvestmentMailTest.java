package io.picktartup.round.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvestmentMailTest {

    @Test
    void namesAreMaskedButStayTellableApart() {
        assertThat(InvestmentMail.mask("김철수")).isEqualTo("김*수");
        assertThat(InvestmentMail.mask("이나")).isEqualTo("이*");
        assertThat(InvestmentMail.mask("Alice")).isEqualTo("A***e");
        assertThat(InvestmentMail.mask("X")).isEqualTo("*");
        assertThat(InvestmentMail.mask(null)).isEqualTo("*");
    }
}
