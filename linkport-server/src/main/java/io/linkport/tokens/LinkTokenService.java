package io.linkport.tokens;

import io.linkport.common.MasterKeyCipher;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Seed 000's link tokens: validated request in, a one-hour single-use signed token out. */
@Service
public class LinkTokenService {

    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final String ALLOCATION_FIELD = "allocation_encrypted";
    private static final String ALLOCATION_AAD = "link_token:allocation";

    private final TokenService tokens;
    private final JsonSchemaChecker checker;
    private final JsonMapper json;
    private final Schema requestSchema;
    private final MasterKeyCipher cipher;

    LinkTokenService(TokenService tokens, JsonSchemaChecker checker, JsonMapper json, MasterKeyCipher cipher) {
        this.tokens = tokens;
        this.checker = checker;
        this.json = json;
        this.cipher = cipher;
        this.requestSchema = checker.compileClasspath("schemas/link-token-request.json");
    }

    /** The checked request, as stored in the token's details. */
    public record LinkTokenRequest(String orgName, List<String> requiredJobs, String endUserId, String integrationId,
                                   String language, String webhookUrl, boolean skipIntroScreen, JsonNode allocation) {

        Map<String, Object> details(MasterKeyCipher cipher) {
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
            if (allocation != null) {
                // Bank account numbers: sealed, so token rows never hold them in plain text.
                details.put(ALLOCATION_FIELD, cipher.encrypt(allocation.toString(), ALLOCATION_AAD));
            }
            return details;
        }
    }

    public LinkTokenRequest parse(JsonNode body) {
        List<ValidationIssue> issues = new ArrayList<>(checker.check(requestSchema, body, ""));
        if (body != null && body.isObject() && body.path("webhook_url").isString()
                && !Urls.isHttpUrl(body.path("webhook_url").asString())) {
            issues.add(new ValidationIssue("webhook_url", "must be a valid URL"));
        }
        if (body != null && body.isObject() && body.path("required_jobs").isArray() && !body.has("allocation")) {
            body.get("required_jobs").forEach(job -> {
                if ("direct_deposit_switch".equals(job.asString(""))) {
                    issues.add(new ValidationIssue("allocation",
                            "is required when required_jobs includes direct_deposit_switch (the account to switch to)"));
                }
            });
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        List<String> jobs = new ArrayList<>();
        body.get("required_jobs").forEach(job -> jobs.add(job.asString()));
        return new LinkTokenRequest(body.get("org_name").asString(), List.copyOf(jobs), body.get("end_user_id").asString(),
                text(body, "integration_id"), text(body, "language"), text(body, "webhook_url"),
                body.path("skip_intro_screen").asBoolean(false), body.get("allocation"));
    }

    /** One auto-committed INSERT (see {@link TokenService#issue}): no transaction of its own to open and commit. */
    public SignedToken create(ApiCaller caller, LinkTokenRequest request) {
        return tokens.issue(TokenKind.LINK, caller.tenantId(), caller.mode(), request.endUserId(), null,
                request.details(cipher), LIFETIME);
    }

    /**
     * The arguments of the {@code directDeposit} write a direct_deposit_switch token asks for,
     * from its sealed allocation; null when the token has none.
     */
    public JsonNode directDepositArguments(IssuedToken token) {
        if (!(token.details().get(ALLOCATION_FIELD) instanceof String sealed)) {
            return null;
        }
        JsonNode allocation = json.readTree(cipher.decrypt(sealed, ALLOCATION_AAD));
        JsonNode target = allocation.get("targets").get(0);
        tools.jackson.databind.node.ObjectNode arguments = json.createObjectNode();
        arguments.put("routingNumber", target.get("routing_number").asString());
        arguments.put("accountNumber", target.get("account_number").asString());
        arguments.put("accountType", target.get("type").asString());
        String type = allocation.path("type").asString("remainder");
        tools.jackson.databind.node.ObjectNode split = arguments.putObject("allocation");
        split.put("type", type);
        if (!"remainder".equals(type) && allocation.has("value")) {
            split.set("value", allocation.get("value"));
        }
        return arguments;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
