package io.linkport.users;

import com.networknt.schema.Schema;
import io.linkport.web.JsonSchemaChecker;
import io.linkport.web.ValidationException;
import io.linkport.web.ValidationIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks the bodies and parameters of the users and tokens endpoints, reporting every issue at
 * once. The JSON Schemas decide shape and lengths; the formats a schema cannot say well (an
 * e-mail address, an E.164 phone number) are checked here.
 */
@Component
class UserRequests {

    static final int MAX_LIMIT = 100;
    static final int DEFAULT_LIMIT = 25;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** E.164: a plus, a non-zero country code digit, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    /** Separators people type in phone numbers; dropped before the E.164 check and not stored. */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");

    private final JsonSchemaChecker checker;
    private final Schema newUserSchema;
    private final Schema tokenSchema;

    UserRequests(JsonSchemaChecker checker) {
        this.checker = checker;
        this.newUserSchema = checker.compileClasspath("schemas/user-request.json");
        this.tokenSchema = checker.compileClasspath("schemas/user-token-request.json");
    }

    /** A missing body is an anonymous user; {@code null} fields count as absent. */
    NewUser newUser(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new NewUser(null, null, null, null);
        }
        List<ValidationIssue> issues = new ArrayList<>(checker.check(newUserSchema, body, ""));
        if (!body.isObject()) {
            throw new ValidationException(issues);
        }
        String externalUserId = cleaned(body, "externalUserId", value -> value, issues);
        String name = cleaned(body, "name", String::strip, issues);
        String email = cleaned(body, "email", String::strip, issues);
        String phone = cleaned(body, "phone", value -> PHONE_SEPARATORS.matcher(value).replaceAll(""), issues);
        if (email != null && !EMAIL.matcher(email).matches()) {
            issues.add(new ValidationIssue("email", "must be an e-mail address, like ada@example.com"));
        }
        if (phone != null && !E164.matcher(phone).matches()) {
            issues.add(new ValidationIssue("phone", "must be an international number in E.164 form, like +14155550123"));
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return new NewUser(externalUserId, name, email, phone);
    }

    /** Seed 001 passes {@code userId} in the query; a JSON body may carry it too, but not a different one. */
    String tokenUserId(String query, JsonNode body) {
        String fromBody = null;
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            List<ValidationIssue> issues = checker.check(tokenSchema, body, "");
            if (!issues.isEmpty()) {
                throw new ValidationException(issues);
            }
            fromBody = text(body, "userId");
        }
        if (query != null && query.isBlank()) {
            throw ValidationException.of("userId", "must not be blank");
        }
        if (query != null && fromBody != null && !query.equals(fromBody)) {
            throw ValidationException.of("userId", "the query parameter and the body name different users");
        }
        String userId = query != null ? query : fromBody;
        if (userId == null) {
            throw ValidationException.of("userId", "is required (as a query parameter or in the JSON body)");
        }
        return userId;
    }

    /** The checked parameters of {@code GET /v1/users}. */
    record ListQuery(long afterSeq, int limit, String externalUserId) {
    }

    ListQuery listQuery(Integer limit, String cursor, String externalUserId) {
        List<ValidationIssue> issues = new ArrayList<>();
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            issues.add(new ValidationIssue("limit", "must be between 1 and " + MAX_LIMIT));
        }
        long after = UserPage.positionOf(cursor);
        if (after < 0) {
            issues.add(new ValidationIssue("cursor", "is not a cursor this endpoint issued"));
        }
        if (externalUserId != null && (externalUserId.isEmpty() || externalUserId.length() > 255)) {
            issues.add(new ValidationIssue("externalUserId", "must be 1 to 255 characters"));
        }
        if (!issues.isEmpty()) {
            throw new ValidationException(issues);
        }
        return new ListQuery(after, limit == null ? DEFAULT_LIMIT : limit, externalUserId);
    }

    /**
     * The field's value after {@code clean}, or null when absent or unusable. Empty strings are
     * already reported by the schema (minLength); whitespace-only values are reported here.
     */
    private static String cleaned(JsonNode body, String field, UnaryOperator<String> clean, List<ValidationIssue> issues) {
        String raw = text(body, field);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String value = clean.apply(raw);
        if (value.isBlank()) {
            issues.add(new ValidationIssue(field, "must not be blank"));
            return null;
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }
}
