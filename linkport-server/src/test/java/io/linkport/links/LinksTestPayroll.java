package io.linkport.links;

import io.linkport.connector.ActionDescriptor;
import io.linkport.connector.AuthMethod;
import io.linkport.connector.AuthorizationCallback;
import io.linkport.connector.AuthorizationRedirect;
import io.linkport.connector.AuthorizationStart;
import io.linkport.connector.Connector;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.CredentialField;
import io.linkport.connector.FailureCode;
import io.linkport.connector.IntegrationDescriptor;
import io.linkport.connector.LoginRequest;
import io.linkport.connector.LoginResult;
import io.linkport.connector.MfaAnswerRequest;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A payroll integration for the links tests that logs in with OAuth (PKCE checked for real):
 * covers link-token claims (seed 000 jobs) and the OAuth leg of the session API.
 */
public class LinksTestPayroll implements Connector {

    public static final String ID = "links_test_payroll";

    @Override
    public IntegrationDescriptor descriptor() {
        List<ResourceDescriptor> resources = List.of(read("employment"), read("income"), read("identity"),
                read("paystubs"), new ResourceDescriptor("directDeposit", "Where your pay goes", "directDeposit", null,
                        List.of(new ActionDescriptor("write", "Switch your direct deposit", null, true))));
        return new IntegrationDescriptor(ID, "Links Test Payroll", "payroll", AuthMethod.OAUTH, List.<CredentialField>of(),
                resources, true, List.of());
    }

    private static ResourceDescriptor read(String name) {
        return new ResourceDescriptor(name, "Your " + name, name, null,
                List.of(new ActionDescriptor("read", "Read your " + name, null, false)));
    }

    @Override
    public AuthorizationRedirect beginAuthorization(AuthorizationStart start) {
        return new AuthorizationRedirect("https://payroll.example/authorize?state=" + start.state()
                + "&code_challenge=" + start.codeChallenge() + "&redirect_uri=" + start.redirectUri(),
                new ConnectorState(Map.of("challenge", start.codeChallenge())));
    }

    @Override
    public LoginResult completeAuthorization(AuthorizationCallback callback) {
        if (callback.error() != null) {
            return new LoginResult.Failure(FailureCode.ACCESS_DENIED, "You declined at the institution.");
        }
        String expected = callback.pending().get("challenge");
        if (!"good-code".equals(callback.code()) || !s256(callback.codeVerifier()).equals(expected)) {
            return new LoginResult.Failure(FailureCode.INSTITUTION_ERROR, "The authorization code was rejected.");
        }
        return new LoginResult.Success(new ConnectorState(Map.of("access", "at-1")), "payroll-acct-1");
    }

    @Override
    public LoginResult login(LoginRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, "OAuth only.");
    }

    @Override
    public LoginResult answerMfa(MfaAnswerRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, "OAuth only.");
    }

    @Override
    public OperationResult execute(OperationRequest request) {
        if (!"at-1".equals(request.session().get("access"))) {
            return new OperationResult.Failure(FailureCode.REAUTHENTICATION_REQUIRED, "No access token.");
        }
        return new OperationResult.Success(Map.of(request.resource(), Map.of("employer", "Acme", "source", ID)));
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
