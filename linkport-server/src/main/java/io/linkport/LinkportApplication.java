package io.linkport;

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
        SpringApplication application = new SpringApplication(LinkportApplication.class);
        // -Dlinkport.startup-recording=true: each start-up step (bean creation, configuration
        // processing) becomes a JFR event, for finding what start-up time goes on (docs/performance.md).
        if (Boolean.getBoolean("linkport.startup-recording")) {
            application.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        application.run(args);
    }
}
