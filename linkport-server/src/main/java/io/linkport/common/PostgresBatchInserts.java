package io.linkport.common;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Has the PostgreSQL driver send a JDBC batch of INSERTs as multi-row INSERTs
 * ({@code reWriteBatchedInserts}): a group commit's links, events, deliveries and tokens then cost
 * PostgreSQL one statement, and one executor start-up, per few rows instead of one per row.
 * Measured with {@code benchmarks/pair.sh} on {@code POST /v1/links} (docs/performance.md, round
 * 15). Only for PostgreSQL URLs (H2's driver has no such setting), and never over an explicit
 * {@code reWriteBatchedInserts} in the URL or the pool's properties.
 * Update counts of batched INSERTs become "unknown" with it; nothing here reads them (the batches
 * whose counts are read are UPDATEs, which the driver leaves alone).
 */
final class PostgresBatchInserts implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            apply(pool);
        }
        return bean;
    }

    static void apply(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:")
                && !url.toLowerCase(Locale.ROOT).contains(PROPERTY.toLowerCase(Locale.ROOT))
                && !pool.getDataSourceProperties().containsKey(PROPERTY)) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
    }
}
