package io.linkport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the fast start may use Spring AOT's build-time bean definitions (the rest is ReadmeQuickstartIT). */
class LinkportApplicationTest {

    @Test
    void aotDefinitionsFromThisJdkThenUsed() {
        assertThat(LinkportApplication.reasonToStartWithoutAot("17", 17, true)).isEmpty();
        assertThat(LinkportApplication.reasonToStartWithoutAot("25", 25, true)).isEmpty();
    }

    @Test
    void aotDefinitionsFromAnotherJdkThenOrdinaryStartBecauseTheirConditionsDoNotHold() {
        // built on 17: no virtual-thread beans; on 25 the ordinary start would choose them
        assertThat(LinkportApplication.reasonToStartWithoutAot("17", 25, true))
                .hasValue("they were computed with JDK 17 and this is JDK 25");
        assertThat(LinkportApplication.reasonToStartWithoutAot("21", 17, true)).isPresent();
        assertThat(LinkportApplication.reasonToStartWithoutAot("unknown", 17, true)).isPresent();
    }

    @Test
    void buildWithoutAotClassesThenOrdinaryStart() {
        assertThat(LinkportApplication.reasonToStartWithoutAot("17", 17, false))
                .hasValue("this build has none (-Dlinkport.aot.skip)");
    }
}
