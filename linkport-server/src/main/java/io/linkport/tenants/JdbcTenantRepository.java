package io.linkport.tenants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTenantRepository {

    private static final String INSERT = """
            INSERT INTO tenants (id, name, public_client_id, created_at) VALUES (?, ?, ?, ?)""";
    private static final String FIND = """
            SELECT id, name, public_client_id, created_at FROM tenants WHERE id = ?""";
    private static final String FIND_BY_CLIENT_ID = """
            SELECT id, name, public_client_id, created_at FROM tenants WHERE public_client_id = ?""";
    private static final String LIST = """
            SELECT id, name, public_client_id, created_at FROM tenants ORDER BY created_at, id""";
    private static final String INSERT_BOOTSTRAP = """
            INSERT INTO bootstrap_marker (id, tenant_id, created_at) VALUES (1, ?, ?)""";
    private static final String FIND_BOOTSTRAP = """
            SELECT tenant_id FROM bootstrap_marker WHERE id = 1""";

    private final JdbcClient jdbc;

    JdbcTenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Tenant tenant) {
        jdbc.sql(INSERT).params(tenant.id(), tenant.name(), tenant.publicClientId(), utc(tenant.createdAt())).update();
    }

    Optional<Tenant> find(String id) {
        return jdbc.sql(FIND).param(id).query(JdbcTenantRepository::map).optional();
    }

    Optional<Tenant> findByClientId(String clientId) {
        return jdbc.sql(FIND_BY_CLIENT_ID).param(clientId).query(JdbcTenantRepository::map).optional();
    }

    List<Tenant> list() {
        return jdbc.sql(LIST).query(JdbcTenantRepository::map).list();
    }

    void markBootstrapped(String tenantId, Instant at) {
        jdbc.sql(INSERT_BOOTSTRAP).params(tenantId, utc(at)).update();
    }

    Optional<String> bootstrapTenant() {
        return jdbc.sql(FIND_BOOTSTRAP).query(String.class).optional();
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(rs.getString("id"), rs.getString("name"), rs.getString("public_client_id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
