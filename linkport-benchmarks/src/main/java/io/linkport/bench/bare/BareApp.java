package io.linkport.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The start-up ceiling: the smallest Spring Boot web app (spring-boot-starter-webmvc, embedded
 * Tomcat, Jackson, one GET endpoint), which Linkport's start-up time and idle memory are compared
 * with. Started by the harness as {@code java -jar linkport-benchmarks.jar --bare-app}.
 */
@SpringBootApplication
@RestController
public class BareApp {

    public static final String PATH = "/hello";

    @GetMapping(PATH)
    String hello() {
        return "hello";
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }
}
