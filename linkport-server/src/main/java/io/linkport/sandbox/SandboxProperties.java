package io.linkport.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How slow the simulated institutions are ({@code linkport.sandbox.*}).
 *
 * @param latency                 added to every sandbox call (default none)
 * @param slowDelay               how long {@code user_slow} makes every call take (default 3 s)
 * @param slowInstitutionLatency  added to every call of {@code sandbox_slow_bank} (default 5 s)
 */
@ConfigurationProperties("linkport.sandbox")
public record SandboxProperties(Duration latency, Duration slowDelay, Duration slowInstitutionLatency) {

    public SandboxProperties {
        latency = latency == null ? Duration.ZERO : latency;
        slowDelay = slowDelay == null ? Duration.ofSeconds(3) : slowDelay;
        slowInstitutionLatency = slowInstitutionLatency == null ? Duration.ofSeconds(5) : slowInstitutionLatency;
    }
}
