package io.linkport.sessions;

import io.linkport.connector.ConnectorState;
import io.linkport.connector.FailureCode;
import io.linkport.connector.OperationRequest;
import io.linkport.connector.OperationResult;
import io.linkport.links.Link;
import io.linkport.links.LinkError;
import io.linkport.links.LinkOperation;
import io.linkport.links.LinkService;
import io.linkport.links.LinkSettings;
import io.linkport.links.RunStep;
import io.linkport.links.StartedRun;
import io.linkport.providers.Provider;
import io.linkport.providers.ProviderCatalog;
import io.linkport.web.ValidationIssue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a logged-in link's operations one after another in the same institution session. Data is
 * kept in memory until the last operation succeeds and is then stored once; the first failure
 * fails the link with that operation's error and nothing partial is stored.
 */
@Component
class OperationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperationRunner.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ConnectorCalls calls;
    private final LinkService links;
    private final ProviderCatalog catalog;
    private final LinkSettings settings;
    private final JsonMapper json;
    private final ApplicationEventPublisher publisher;

    OperationRunner(ConnectorCalls calls, LinkService links, ProviderCatalog catalog,
                    LinkSettings settings, JsonMapper json, ApplicationEventPublisher publisher) {
        this.calls = calls;
        this.links = links;
        this.catalog = catalog;
        this.settings = settings;
        this.json = json;
        this.publisher = publisher;
    }

    /**
     * {@code started}'s login succeeded and its first operation is running, as {@code journal}
     * records. A run that stops on Linkport's side fails through the journal, so the progress it
     * holds still gets its events.
     */
    void run(StartedRun started, RunJournal journal, Provider provider, ConnectorState session, String loginKey) {
        List<String> progress = firstRunning(started.link().operations().size());
        try {
            run(started, journal, provider, session, loginKey, progress);
        } catch (RuntimeException e) {
            try {
                journal.fail(progress, SessionEngine.STOPPED);
            } catch (RuntimeException failing) {
                e.addSuppressed(failing);
            }
            throw e;
        }
    }

    private void run(StartedRun started, RunJournal journal, Provider provider, ConnectorState session, String loginKey,
                     List<String> progress) {
        Link link = started.link();
        List<LinkOperation> operations = link.operations();
        List<JsonNode> arguments = links.arguments(started);
        List<Map<String, Object>> outputs = new ArrayList<>();
        ConnectorState current = session;
        for (int i = 0; i < operations.size(); i++) {
            LinkOperation op = operations.get(i);
            List<ValidationIssue> issues = catalog.validateOperation(provider, op.resource(), op.action(),
                    arguments.get(i), "operations[" + i + "]");
            if (!issues.isEmpty()) {
                progress.set(i, "failed");
                journal.fail(progress, new LinkError("INVALID_ARGUMENTS", "The arguments of operations[" + i
                        + "] no longer match the schema of " + op.resource() + "." + op.action() + ".", false));
                return;
            }
            Map<String, Object> args = arguments.get(i) == null ? Map.of() : json.convertValue(arguments.get(i), MAP);
            ConnectorState state = current;
            List<String> failedHere = new ArrayList<>(progress);
            failedHere.set(i, "failed");
            OperationResult result;
            try {
                result = calls.callWithin(settings.connectorTimeout(), deadline -> provider.connector().execute(
                        new OperationRequest(op.resource(), op.action(), args, state,
                                SessionEngine.context(link, loginKey, deadline))),
                        () -> journal.fail(failedHere, SessionEngine.TIMED_OUT));
            } catch (TimeoutException e) {
                result = new OperationResult.Failure(FailureCode.TIMEOUT, SessionEngine.TIMED_OUT.message());
            } catch (ExecutionException e) {
                log.warn("Connector {} failed {} for link {}: {}", provider.id(), op, link.id(), e.getCause().toString());
                result = new OperationResult.Failure(FailureCode.INSTITUTION_ERROR, "The institution answered with an error.");
            }
            if (result instanceof OperationResult.Failure failure) {
                progress.set(i, "failed");
                journal.fail(progress, new LinkError(failure.code().name(), failure.message(), false));
                return;
            }
            OperationResult.Success success = (OperationResult.Success) result;
            outputs.add(success.data() == null ? Map.of() : success.data());
            if (success.session() != null) {
                current = success.session();
            }
            progress.set(i, "completed");
            if (i + 1 < operations.size()) {
                // the next operation starts in the same change that records this one's completion
                progress.set(i + 1, "running");
                if (!journal.record(RunStep.operationCompleted(i), progress)) {
                    return;
                }
            }
        }
        // RunCompleted is published inside the transaction that completes the link, so what its
        // listeners write (a saved login's first cached data) commits with LINK_COMPLETED: whoever
        // sees the link completed also sees that data.
        journal.complete(progress, json.writeValueAsString(shape(operations, outputs)),
                () -> publisher.publishEvent(new RunCompleted(link.id(), link.forLogin(), reads(operations, outputs))));
    }

    /** The progress of {@code operations} operations as a run starts: the first running, the rest pending. */
    static List<String> firstRunning(int operations) {
        List<String> progress = new ArrayList<>(Collections.nCopies(operations, "pending"));
        if (!progress.isEmpty()) {
            progress.set(0, "running");
        }
        return progress;
    }

    private static List<Map<String, Object>> reads(List<LinkOperation> operations, List<Map<String, Object>> outputs) {
        List<Map<String, Object>> reads = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i).action().equals("read")) {
                reads.add(outputs.get(i));
            }
        }
        return reads;
    }

    /** Seed 002: one operation → its data, flat; several → {@code {"operations":[{resource, action, data}]}}. */
    static Object shape(List<LinkOperation> operations, List<Map<String, Object>> outputs) {
        if (operations.size() == 1) {
            return outputs.get(0);
        }
        List<Map<String, Object>> wrapped = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("resource", operations.get(i).resource());
            entry.put("action", operations.get(i).action());
            entry.put("data", outputs.get(i));
            wrapped.add(entry);
        }
        return Map.of("operations", wrapped);
    }
}
