package io.linkport.users;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** linkport.user-token-lifetime is checked when the server starts, not when the first token is issued. */
class UserTokenLifetimeTest {

    @Test
    void userTokenLifetimeWhenOutsideOneSecondToOneDayOrFractionalThenRefusedAtStartup() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-5), Duration.ofHours(25),
                Duration.ofMillis(1500)}) {
            assertThatThrownBy(() -> new UserTokens(null, bad)).as(bad.toString())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("linkport.user-token-lifetime");
        }
    }

    @Test
    void userTokenLifetimeWhenWithinBoundsThenKept() {
        assertThat(new UserTokens(null, Duration.ofMinutes(30)).lifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(new UserTokens(null, Duration.ofHours(24)).lifetime()).isEqualTo(Duration.ofHours(24));
    }
}
