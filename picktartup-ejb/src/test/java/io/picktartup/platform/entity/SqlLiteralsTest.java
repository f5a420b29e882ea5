package io.picktartup.platform.entity;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlLiteralsTest {

    enum Colour { RED, GREEN, BLUE }

    @Test
    void aSetBecomesAnSqlListInDeclarationOrder() {
        assertThat(SqlLiterals.list(Set.of(Colour.BLUE, Colour.RED))).isEqualTo("('RED', 'BLUE')");
        assertThat(SqlLiterals.list(EnumSet.of(Colour.GREEN))).isEqualTo("('GREEN')");
        assertThatThrownBy(() -> SqlLiterals.list(EnumSet.noneOf(Colour.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
