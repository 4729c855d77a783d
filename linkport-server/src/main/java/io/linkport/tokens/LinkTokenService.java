package io.linkport.tokens;

import io.linkport.common.Urls;
import io.linkport.tenants.ApiCaller;
import io.linkport.web.JsonSchemaChecker;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import com.networknt.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000's link tokens: validated request in, a one-hour single-use signed token out. */
@Service
public class LinkTokenService {

    public static final Duration LIFETIME = Duration.ofHours(1);

    private final TokenService tokens;
    private final JsonSchemaChecker checker;
    private final JsonMapper json;
    private final Schema requestSchema;

    LinkTokenService(TokenService tokens, JsonSchemaChecker checker, JsonMapper json) {
        this.tokens = tokens;
        this.checker = checker;
        this.json = json;
        this.requestSchema = checker.compileClasspath("schemas/link-token-request.json");
    }

    /** The checked request, as stored in the token's details. */
    public record LinkTokenRequest(String orgName, List<String> requiredJobs, String endUserId, String integrationId,
                                   String language, String webhookUrl, boolean skipIntroScreen) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("org_name", orgName);
            details.put("required_jobs", requiredJobs);
            details.put("end_user_id", endUserId);
            if (integrationId != null) {
                details.put("integration_id", integrationId);
            }
            if (language != null) {
                details.put("language", language);
            }
            if (webhookUrl != null) {
                details.put("webhook_url", webhookUrl);
            }
            details.put("skip_intro_screen", skipIntroScreen);
            return details;
        }
    }

    public LinkTokenRequest parse(JsonNode body) {
        List<ValidationIssue> issues = new ArrayList<>(checker.check(requestSchema, body, ""));
        if (body != null && body.isObject() && body.path("webhook_url").isString()
                && !Urls.isHttpUrl(body.path("webhook_url").asString())) {
            issues.add(new ValidationIssue("webhook_url", "must be a valid URL"));
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        List<String> jobs = new ArrayList<>();
        body.get("required_jobs").forEach(job -> jobs.add(job.asString()));
        return new LinkTokenRequest(body.get("org_name").asString(), List.copyOf(jobs), body.get("end_user_id").asString(),
                text(body, "integration_id"), text(body, "language"), text(body, "webhook_url"),
                body.path("skip_intro_screen").asBoolean(false));
    }

    @Transactional
    public SignedToken create(ApiCaller caller, LinkTokenRequest request) {
        return tokens.issue(TokenKind.LINK, caller.tenantId(), caller.mode(), request.endUserId(), null,
                request.details(), LIFETIME);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
