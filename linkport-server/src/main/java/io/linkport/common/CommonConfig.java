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
     * One for every kind of unit, so concurrent requests of different kinds share commits too. Four
     * lanes: POST /v1/links on PostgreSQL (2 cores, 32 connections) made 1,530/s with one lane,
     * 1,875-1,917/s with four and 943-1,345/s with eight (docs/performance.md, round 4). Two lanes
     * were no better: slower on links in round 7, no different beyond the noise on link runs in
     * round 24.
     */
    @Bean
    GroupTransaction groupTransaction(TransactionTemplate tx, BatchedWrites batched,
                                      @Value("${linkport.db.group-lanes:4}") int lanes) {
        return new GroupTransaction(tx, batched, 64, lanes);
    }
}
