package io.picktartup.news.entity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StartupNamesTest {

    private static final UUID PICKUP = UUID.randomUUID();
    private static final UUID NURI = UUID.randomUUID();
    private static final UUID TOSS = UUID.randomUUID();
    private final List<StartupNames> names = List.of(
            new StartupNames(PICKUP, "픽업로지스 (PickupLogis)", null, ""),
            new StartupNames(NURI, "Nuri Health", "Nuri Health Inc.", "누리헬스, NuriCare ,"),
            new StartupNames(TOSS, "Toss", null, "토스"));

    @Test
    void parenthesisedPartsAndAliasesAreNamesOfTheirOwn() {
        assertThat(names.get(0).terms()).containsExactlyInAnyOrder("픽업로지스", "pickuplogis");
        assertThat(names.get(1).terms()).containsExactlyInAnyOrder("nuri health", "nuri health inc.", "누리헬스", "nuricare");
    }

    @Test
    void koreanNamesMatchWithParticlesAttached() {
        assertThat(StartupNames.mentioned(names, "픽업로지스가 시리즈A 투자를 유치했다")).containsExactly(PICKUP);
        assertThat(StartupNames.mentioned(names, "누리헬스는 원격진료 협약을 맺었다")).containsExactly(NURI);
    }

    @Test
    void latinNamesMatchWholeWordsInAnyCase() {
        assertThat(StartupNames.mentioned(names, "PICKUPLOGIS expands to Busan")).containsExactly(PICKUP);
        assertThat(StartupNames.mentioned(names, "The Pickuplogistics market grows")).isEmpty();
        assertThat(StartupNames.mentioned(names, "Tossed salad, TossPay and tossing coins")).isEmpty();
        assertThat(StartupNames.mentioned(names, "Toss's new app (Toss) launched")).containsExactly(TOSS);
        assertThat(StartupNames.mentioned(names, "Toss는 새 서비스를 출시했다")).containsExactly(TOSS);
        assertThat(StartupNames.mentioned(names, "nuri\n  health hires a CTO")).containsExactly(NURI);
    }

    @Test
    void oneArticleMayNameSeveralStartups() {
        assertThat(StartupNames.mentioned(names, "PickupLogis and NuriCare partner on cold-chain delivery"))
                .containsExactlyInAnyOrder(PICKUP, NURI);
        assertThat(StartupNames.mentioned(names, "Weather: rain in Seoul tomorrow")).isEmpty();
    }

    @Test
    void oneCharacterNamesAreIgnored() {
        var x = new StartupNames(UUID.randomUUID(), "X", null, "K, 토");
        assertThat(x.terms()).isEmpty();
        assertThat(x.mentionedIn(StartupNames.canonical("X marks the spot on K street, 토요일"))).isFalse();
    }
}
