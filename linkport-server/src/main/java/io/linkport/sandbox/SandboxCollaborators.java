package io.linkport.sandbox;

import org.springframework.stereotype.Component;

/** What every sandbox connector shares: one set of rules, data and waits for all institutions. */
@Component
record SandboxCollaborators(SandboxLogin login, SandboxOperations operations, SandboxOAuthClient oauth,
                            SandboxResources resources, SandboxLatency latency) {
}
