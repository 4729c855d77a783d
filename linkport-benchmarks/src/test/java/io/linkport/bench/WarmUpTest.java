package io.linkport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's stop rule, on slice rates (per second) that real harness runs printed. */
class WarmUpTest {

    @Test
    void slowClimbWithinTenPercentAStepThenNotSettled() {
        // link runs, round 19: +7 % and +5 % a step, still far from the 120-130/s they reached later
        assertThat(WarmUp.settled(List.of(29L, 66L, 80L, 91L, 97L, 102L))).isFalse();
        assertThat(WarmUp.settled(List.of(109L, 111L, 120L, 126L))).isFalse();
    }

    @Test
    void plateauThatGoesUpAndDownThenSettled() {
        assertThat(WarmUp.settled(List.of(120L, 112L, 131L, 129L, 119L, 127L))).isTrue();
        assertThat(WarmUp.settled(List.of(2621L, 3306L, 3457L, 3170L))).isTrue();
    }

    @Test
    void fallingWithinTenPercentAStepThenSettled() {
        assertThat(WarmUp.settled(List.of(5556L, 6258L, 5832L, 5394L))).isTrue();
    }

    @Test
    void stepOverTenPercentOrFewerThanThreeSlicesThenNotSettled() {
        assertThat(WarmUp.settled(List.of(1127L, 1688L, 2367L, 2621L, 3306L))).isFalse();
        assertThat(WarmUp.settled(List.of(100L, 100L))).isFalse();
    }
}
