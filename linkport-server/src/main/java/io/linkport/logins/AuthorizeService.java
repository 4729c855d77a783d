package io.linkport.logins;

import io.linkport.common.Ids;
import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.MfaAnswer;
import io.linkport.connector.MfaChallenge;
import io.linkport.events.EventLog;
import io.linkport.events.EventType;
import io.linkport.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 003's {@code /Authorize} on a saved login: from cache, or live with the stored secret
 * (answering MFA through a follow-up call), then keeping or deleting the secret as asked.
 * Institution calls run outside transactions; what they produced is written in one.
 */
@Service
class AuthorizeService {

    static final Duration REQUEST_LIFETIME = Duration.ofHours(24);
    static final int MFA_ATTEMPTS = 3;

    private final LoginService logins;
    private final LoginSync sync;
    private final JdbcLoginDataRepository requests;
    private final CredentialVault vault;
    private final EventLog events;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    AuthorizeService(LoginService logins, LoginSync sync, JdbcLoginDataRepository requests, CredentialVault vault,
                     EventLog events, TransactionTemplate tx, JsonMapper json, Clock clock) {
        this.logins = logins;
        this.sync = sync;
        this.requests = requests;
        this.vault = vault;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    AuthorizeOutcome authorize(String tenantId, AuthorizeCommand command) {
        if (command.mfaFollowUp()) {
            return answer(tenantId, command);
        }
        Login login = logins.get(tenantId, command.loginId());
        return command.mostRecentCached() ? cached(login, command) : live(login, command);
    }

    private AuthorizeOutcome cached(Login login, AuthorizeCommand command) {
        String snapshotId = requests.latestSnapshotId(login.id()).orElseThrow(() -> ApiException.conflict("no_cached_data",
                "Login " + login.id() + " has no data yet. Call /v1/Authorize with MostRecentCached=false."));
        String requestId = newRequestId();
        tx.executeWithoutResult(s -> {
            requests.insertRequest(request(requestId, login, AuthorizeRequest.Status.COMPLETED, true, command.save(), snapshotId), null);
            applySave(login, command.save());
        });
        return completed(requestId, logins.find(login.id()).orElseThrow());
    }

    private AuthorizeOutcome live(Login login, AuthorizeCommand command) {
        requireUsable(login);
        LoginSecret secret = logins.secret(login).orElseThrow(() -> notSaved(login));
        String requestId = newRequestId();
        return finish(requestId, login, secret, command.save(), sync.sync(login, secret), true);
    }

    private AuthorizeOutcome answer(String tenantId, AuthorizeCommand command) {
        AuthorizeRequest request = requests.findRequest(command.requestId())
                .filter(r -> r.tenantId().equals(tenantId) && r.expiresAt().isAfter(clock.instant()))
                .orElseThrow(() -> ApiException.notFound("request_not_found", "No pending request " + command.requestId() + "."));
        if (command.loginId() != null && !command.loginId().equals(request.loginId())) {
            throw ApiException.badRequest("login_mismatch", "LoginId does not match the RequestId.");
        }
        Login login = logins.get(tenantId, request.loginId());
        String sealed = requests.pending(request.id()).orElse(null);
        if (request.status() != AuthorizeRequest.Status.MFA_REQUIRED || sealed == null || !requests.takePending(request.id())) {
            throw ApiException.conflict("no_pending_challenge", "Request " + request.id() + " is not waiting for an MFA answer.");
        }
        Map<String, Map<String, String>> pending = vault.open(sealed, request.id());
        MfaChallenge challenge = json.readValue(pending.get("challenge").get("json"), MfaChallenge.class);
        LoginSecret secret = logins.secret(login).orElseThrow(() -> notSaved(login));
        MfaAnswer answer = SecurityResponses.toAnswer(challenge, command.securityResponses());
        LoginSync.Result result = sync.answer(login, secret, answer, new ConnectorState(pending.get("state")));
        if (result instanceof LoginSync.Failed failed && failed.code() == FailureCode.INVALID_MFA) {
            // A few tries only: a one-time code is short enough to guess otherwise.
            int left = Integer.parseInt(pending.getOrDefault("attempts", Map.of()).getOrDefault("left",
                    String.valueOf(MFA_ATTEMPTS))) - 1;
            if (left <= 0) {
                requests.fail(request.id());
                throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_security_response",
                        "The MFA answer was not accepted and no attempts are left; call /v1/Authorize again.");
            }
            pending.put("attempts", Map.of("left", String.valueOf(left)));
            requests.putPending(request.id(), vault.seal(pending, request.id()));
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_security_response",
                    "The MFA answer was not accepted; " + left + " attempt(s) left.");
        }
        return finish(request.id(), login, secret, command.save() != null ? command.save() : request.save(), result, false);
    }

    private AuthorizeOutcome finish(String requestId, Login login, LoginSecret secret, Boolean save, LoginSync.Result result,
                                    boolean newRequest) {
        if (result instanceof LoginSync.Synced synced) {
            tx.executeWithoutResult(s -> {
                String snapshotId = logins.storeSnapshot(login.id(), synced.data());
                if (newRequest) {
                    requests.insertRequest(request(requestId, login, AuthorizeRequest.Status.COMPLETED, false, save, snapshotId), null);
                } else {
                    requests.complete(requestId, snapshotId);
                }
                logins.keepSession(login, synced.secret());
                logins.markRefreshed(login);
                events.append(login.tenantId(), login.mode(), EventType.LOGIN_REFRESHED,
                        LoginService.eventData(login, Map.of("trigger", "authorize", "requestId", requestId)));
                applySave(logins.find(login.id()).orElseThrow(), save);
            });
            return completed(requestId, logins.find(login.id()).orElseThrow());
        }
        if (result instanceof LoginSync.NeedsMfa mfa) {
            Map<String, Map<String, String>> pending = new LinkedHashMap<>();
            pending.put("state", mfa.pending() == null ? Map.of() : mfa.pending().values());
            pending.put("challenge", Map.of("json", json.writeValueAsString(mfa.challenge())));
            CredentialVault.Sealed sealed = vault.seal(pending, requestId);
            if (newRequest) {
                requests.insertRequest(request(requestId, login, AuthorizeRequest.Status.MFA_REQUIRED, false, save, null), sealed);
            } else {
                requests.putPending(requestId, sealed);
            }
            return new AuthorizeOutcome(requestId, login, login.integrationId(), mfa.challenge(), login.lastRefreshedAt());
        }
        LoginSync.Failed failed = (LoginSync.Failed) result;
        tx.executeWithoutResult(s -> {
            if (!newRequest) {
                requests.fail(requestId);
            }
            if (LoginSync.needsReauthentication(failed.code())) {
                logins.markStatus(login, LoginStatus.NEEDS_REAUTHENTICATION, failed.code().name());
            }
            events.append(login.tenantId(), login.mode(), EventType.LOGIN_REFRESH_FAILED,
                    LoginService.eventData(login, Map.of("trigger", "authorize", "error", failed.code().name())));
        });
        throw AuthorizeErrors.of(failed.code());
    }

    private void applySave(Login login, Boolean save) {
        if (Boolean.TRUE.equals(save) && login.status() == LoginStatus.ACTIVE) {
            logins.enableRefresh(login);
        } else if (Boolean.FALSE.equals(save) && login.status() != LoginStatus.CREDENTIALS_DELETED) {
            logins.deleteSecret(login);
        }
    }

    private AuthorizeOutcome completed(String requestId, Login login) {
        return new AuthorizeOutcome(requestId, login, login.integrationId(), null, login.lastRefreshedAt());
    }

    private AuthorizeRequest request(String id, Login login, AuthorizeRequest.Status status, boolean cached, Boolean save,
                                     String snapshotId) {
        Instant now = clock.instant();
        return new AuthorizeRequest(id, login.id(), login.tenantId(), status, cached, Boolean.TRUE.equals(save), snapshotId,
                now, now.plus(REQUEST_LIFETIME));
    }

    private static void requireUsable(Login login) {
        if (login.status() == LoginStatus.NEEDS_REAUTHENTICATION) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "reauthentication_required",
                    "The institution no longer accepts this login's credentials. Open the widget in update mode for it.");
        }
        if (login.status() == LoginStatus.CREDENTIALS_DELETED) {
            throw notSaved(login);
        }
    }

    private static ApiException notSaved(Login login) {
        return ApiException.conflict("credentials_not_saved",
                "Login " + login.id() + " keeps no credentials (Save=false); only MostRecentCached=true works.");
    }

    private static String newRequestId() {
        return java.util.UUID.randomUUID().toString();
    }
}
