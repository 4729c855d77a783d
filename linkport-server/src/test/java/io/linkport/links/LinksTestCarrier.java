package io.linkport.links;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.CredentialField;
import io.linkport.connector.FailureCode;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.connector.MfaChallenge;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import io.linkport.connector.TestCredential;
import java.util.List;
import java.util.Map;

/**
 * A small carrier for the links tests, loaded through ServiceLoader (test resources): the
 * behaviours the engine must handle, independent of the sandbox institutions.
 */
public class LinksTestCarrier implements Connector {

    public static final String ID = "links_test_carrier";
    static final String CARD_SCHEMA = """
            {"type":"object","additionalProperties":false,
             "required":["cardNumber","expirationDate","cvv","nameOnCard","billingZip"],
             "properties":{
               "cardNumber":{"type":"string","pattern":"^[0-9]{12,19}$"},
               "expirationDate":{"type":"string","pattern":"^(0[1-9]|1[0-2])/[0-9]{2}$"},
               "cvv":{"type":"string","pattern":"^[0-9]{3,4}$"},
               "nameOnCard":{"type":"string","minLength":1},
               "billingZip":{"type":"string","minLength":3}}}""";

    @Override
    public IntegrationDescriptor descriptor() {
        return new IntegrationDescriptor(ID, "Links Test Carrier", "mobile_carrier", AuthMethod.CREDENTIALS,
                List.of(new CredentialField("username", "Username", false), new CredentialField("password", "Password", true)),
                List.of(new ResourceDescriptor("paymentMethod", "Cards on file", "paymentMethods", null, List.of(
                                new ActionDescriptor("read", "Read the cards on file", null, false),
                                new ActionDescriptor("write", "Add a card", CARD_SCHEMA, true))),
                        new ResourceDescriptor("mobileBillingStatement", "Bills", "billing", null, List.of(
                                new ActionDescriptor("read", "Read your bills", null, false)))),
                true, List.of(new TestCredential("user_good", "pass_good", "logs in", null),
                        new TestCredential("user_mfa_code", "pass_good", "asks for a code", "1234")));
    }

    @Override
    public LoginResult login(LoginRequest request) {
        String user = request.credentials().get("username");
        if (!"pass_good".equals(request.credentials().get("password"))) {
            return new LoginResult.Failure(FailureCode.INVALID_CREDENTIALS, "Wrong username or password.");
        }
        switch (user) {
            case "user_mfa_code":
                return new LoginResult.MfaRequired(MfaChallenge.code("Enter the code we sent to ••• 1234"),
                        new ConnectorState(Map.of("user", user, "mfa", "tx-1")));
            case "user_locked":
                return new LoginResult.Failure(FailureCode.ACCOUNT_LOCKED, "The account is locked.");
            case "user_slow":
                sleep(4000);
                return success(user);
            default:
                return success(user);
        }
    }

    @Override
    public LoginResult answerMfa(MfaAnswerRequest request) {
        if (!"tx-1".equals(request.pending().get("mfa"))) {
            return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, "Lost MFA transaction.");
        }
        return "1234".equals(request.answer().code()) ? success(request.pending().get("user"))
                : new LoginResult.Failure(FailureCode.INVALID_MFA, "That code is not right.");
    }

    @Override
    public OperationResult execute(OperationRequest request) {
        int done = Integer.parseInt(request.session().values().getOrDefault("done", "0"));
        if ("user_fail_second".equals(request.session().get("user")) && done >= 1) {
            return new OperationResult.Failure(FailureCode.OPERATION_REJECTED, "The carrier refused the card.");
        }
        ConnectorState next = new ConnectorState(Map.of("user", request.session().get("user"), "done", String.valueOf(done + 1)));
        Map<String, Object> data = switch (request.resource() + "." + request.action()) {
            case "paymentMethod.read" -> Map.of("paymentMethods", List.of(Map.of("brand", "visa", "last4", "4242")));
            case "paymentMethod.write" -> Map.of("paymentMethod", Map.of("brand", "visa",
                    "last4", String.valueOf(request.arguments().get("cardNumber")).substring(12), "status", "added"));
            default -> Map.of("billing", List.of(Map.of("period", "2026-10", "amount", 45.0)));
        };
        return new OperationResult.Success(data, next);
    }

    private static LoginResult success(String user) {
        return new LoginResult.Success(new ConnectorState(Map.of("user", user, "done", "0")), "acct-" + user);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
