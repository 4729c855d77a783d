package io.linkport.common;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class CommonConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Static: a post-processor is created before the beans it processes. */
    @Bean
    static PostgresBatchInserts postgresBatchInserts() {
        return new PostgresBatchInserts();
    }

    /**
     * One for every kind of unit, so concurrent requests of different kinds share commits too. Two
     * lanes by default: with four, a link run's seven grouped writes met in small groups (2.7
     * transactions a run), and each group pays its own event insert, subscription read and commit.
     * On PostgreSQL (2 cores, 32 connections) two lanes made about 17 % more link runs per insert
     * of the ceiling than four (medians of four runs each) and no fewer links; one lane left the
     * CPU idle (docs/performance.md, round 24).
     */
    @Bean
    GroupTransaction groupTransaction(TransactionTemplate tx, BatchedWrites batched,
                                      @Value("${linkport.db.group-lanes:2}") int lanes) {
        return new GroupTransaction(tx, batched, 64, lanes);
    }
}
