package io.linkport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LinkportApplication {

    public static void main(String[] args) {
        keepAotOnlyOnItsOwnJdk();
        SpringApplication application = new SpringApplication(LinkportApplication.class);
        // -Dlinkport.startup-recording=true: each start-up step (bean creation, configuration
        // processing) becomes a JFR event, for finding what start-up time goes on (docs/performance.md).
        if (Boolean.getBoolean("linkport.startup-recording")) {
            application.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        application.run(args);
    }

    /**
     * The README's fast start runs with {@code -Dspring.aot.enabled=true}: bean definitions that
     * Spring AOT computed at build time. Every condition was settled then, with the building JDK -
     * among them whether requests run on virtual threads (JDK 21+) - so on another JDK, or in a
     * build without them ({@code -Dlinkport.aot.skip}), Linkport starts the ordinary way instead,
     * as the JVM does with the class archive, and says why.
     */
    static void keepAotOnlyOnItsOwnJdk() {
        if (!AotDetector.useGeneratedArtifacts()) {
            return;
        }
        boolean hasAotClasses = LinkportApplication.class
                .getResource("LinkportApplication__ApplicationContextInitializer.class") != null;
        reasonToStartWithoutAot(buildJdk(), Runtime.version().feature(), hasAotClasses).ifPresent(reason -> {
            System.setProperty(AotDetector.AOT_ENABLED, "false");
            System.err.println("Linkport: starting without the precomputed (AOT) bean definitions: " + reason + ".");
        });
    }

    static Optional<String> reasonToStartWithoutAot(String builtOnJdk, int runningOnJdk, boolean hasAotClasses) {
        if (!hasAotClasses) {
            return Optional.of("this build has none (-Dlinkport.aot.skip)");
        }
        if (!Integer.toString(runningOnJdk).equals(builtOnJdk)) {
            return Optional.of("they were computed with JDK " + builtOnJdk + " and this is JDK " + runningOnJdk);
        }
        return Optional.empty();
    }

    private static String buildJdk() {
        try (InputStream in = LinkportApplication.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("java.feature", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
