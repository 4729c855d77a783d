package io.linkport.logins;

import io.linkport.web.ApiException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/GetAccountsDetail}: the data snapshot an authenticated {@code /Authorize}
 * request opened, for the tenant that made it. Bank integrations put {@code accounts} (with
 * balances and transactions) at the top; other integrations' resources are there under their keys.
 */
@Service
class LoginDataService {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcLoginDataRepository data;
    private final LoginService logins;
    private final JsonMapper json;
    private final Clock clock;

    LoginDataService(JdbcLoginDataRepository data, LoginService logins, JsonMapper json, Clock clock) {
        this.data = data;
        this.logins = logins;
        this.json = json;
        this.clock = clock;
    }

    Map<String, Object> detail(String tenantId, String requestId) {
        AuthorizeRequest request = data.findRequest(requestId)
                .filter(r -> r.tenantId().equals(tenantId) && r.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ApiException.notFound("request_not_found",
                        "No request " + requestId + ". Call /v1/Authorize for a new RequestId."));
        if (request.status() != AuthorizeRequest.Status.COMPLETED || request.snapshotId() == null) {
            throw ApiException.conflict("request_not_authenticated",
                    "Request " + requestId + " is not authenticated; answer its security challenge first.");
        }
        Login login = logins.get(tenantId, request.loginId());
        JdbcLoginDataRepository.Snapshot snapshot = data.snapshot(request.snapshotId()).orElseThrow();
        Map<String, Object> resources = json.readValue(snapshot.data(), MAP);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("HttpStatusCode", 200);
        answer.put("RequestId", requestId);
        answer.put("Login", AuthorizeController.loginView(login));
        answer.put("Institution", login.integrationId());
        Object accounts = resources.get("accounts");
        answer.put("Accounts", accounts instanceof List<?> list ? list : List.of());
        answer.put("fetchedAt", snapshot.fetchedAt().toString());
        answer.put("resources", resources);
        return answer;
    }
}
