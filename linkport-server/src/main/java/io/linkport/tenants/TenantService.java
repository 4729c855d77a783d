package io.linkport.tenants;

import io.linkport.common.Ids;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {

    private final JdbcTenantRepository tenants;
    private final Clock clock;

    TenantService(JdbcTenantRepository tenants, Clock clock) {
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional
    public Tenant create(String name) {
        Tenant tenant = new Tenant(Ids.prefixed("ten_"), name, Ids.prefixed("cli_"), clock.instant());
        tenants.insert(tenant);
        return tenant;
    }

    public Tenant get(String id) {
        return tenants.find(id).orElseThrow(() -> ApiException.notFound("tenant_not_found", "No tenant " + id + "."));
    }

    public Optional<Tenant> findByClientId(String clientId) {
        return tenants.findByClientId(clientId);
    }

    public List<Tenant> list() {
        return tenants.list();
    }

    /** The tenant created on first start (the sandbox demo acts as it). */
    public Optional<String> bootstrapTenant() {
        return tenants.bootstrapTenant();
    }

    void markBootstrapped(String tenantId) {
        tenants.markBootstrapped(tenantId, clock.instant());
    }
}
