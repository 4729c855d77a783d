package com.acme.linkport;

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
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.connector.ResourceDescriptor;
import java.util.List;
import java.util.Map;

/**
 * A connector written the way a third party would: it depends only on the SPI, is not a Spring
 * bean, and is found through {@code META-INF/services/io.linkport.connector.Connector} in the
 * test resources. It is a production (non-sandbox) integration, so every key mode sees it.
 */
public class AcmeTestConnector implements Connector {

    public static final String ID = "acme_test_connector";

    private static final IntegrationDescriptor DESCRIPTOR = new IntegrationDescriptor(ID, "Acme Test Utility", "utility",
            AuthMethod.CREDENTIALS, List.of(new CredentialField("username", "Username", false),
                    new CredentialField("password", "Password", true)),
            List.of(new ResourceDescriptor("meterReadings", "Your electricity meter readings", "readings",
                    "{\"type\":\"object\"}", List.of(new ActionDescriptor("read", "Read your meter readings",
                            "{\"type\":\"object\",\"properties\":{\"months\":{\"type\":\"integer\",\"minimum\":1,"
                                    + "\"maximum\":12}},\"additionalProperties\":false}", false)))),
            false, List.of());

    @Override
    public IntegrationDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LoginResult login(LoginRequest request) {
        return "acme".equals(request.credentials().get("password"))
                ? new LoginResult.Success(new ConnectorState(Map.of("user", request.credentials().get("username"))), "acme-1")
                : new LoginResult.Failure(FailureCode.INVALID_CREDENTIALS, "Wrong password");
    }

    @Override
    public LoginResult answerMfa(MfaAnswerRequest request) {
        return new LoginResult.Failure(FailureCode.UNSUPPORTED, "Acme does not use MFA");
    }

    @Override
    public OperationResult execute(OperationRequest request) {
        return new OperationResult.Success(Map.of("readings", List.of(Map.of("month", "2026-10", "kwh", 312))));
    }
}
