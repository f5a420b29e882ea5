package io.picktartup.news.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlineTest {

    @Test
    void punctuationSpacingAndCaseDoNotMakeANewTitle() {
        var original = Headline.of("픽업로지스, 시리즈A 50억 유치");
        assertThat(Headline.of("픽업로지스 시리즈 A 50억 유치!").isNearDuplicateOf(original)).isTrue();
        assertThat(Headline.of("PickupLogis raises ₩5bn Series A").isNearDuplicateOf(
                Headline.of("Pickuplogis Raises ₩5bn Series-A."))).isTrue();
        assertThat(original.normalised()).isEqualTo("픽업로지스시리즈a50억유치");
    }

    @Test
    void aOneCharacterTypoInALongTitleIsStillTheSameArticle() {
        var a = Headline.of("Nuri Health raises seed round to expand remote care across Korea");
        var b = Headline.of("Nuri Health raises seed round to expand remote care accross Korea");
        assertThat(a.similarity(b)).isGreaterThanOrEqualTo(Headline.NEAR_DUPLICATE);
    }

    @Test
    void differentNewsAboutTheSameStartupIsNotADuplicate() {
        var a = Headline.of("픽업로지스, 시리즈A 50억 유치");
        assertThat(Headline.of("[단독] 픽업로지스, 시리즈A 50억 유치").isNearDuplicateOf(a)).isFalse();
        assertThat(Headline.of("픽업로지스, 시리즈B 200억 유치").isNearDuplicateOf(a)).isFalse();
        assertThat(Headline.of("Nuri Health raises seed round").isNearDuplicateOf(
                Headline.of("Nuri Health opens its Busan office"))).isFalse();
        assertThat(Headline.of("!!!").isNearDuplicateOf(Headline.of("???"))).isFalse();
    }
}
