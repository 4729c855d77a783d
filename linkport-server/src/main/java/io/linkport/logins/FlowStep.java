package io.linkport.logins;

/** What the browser sees after a hosted-login step: a page for the flow, or a redirect. */
sealed interface FlowStep {

    record Show(AuthorizeFlow flow) implements FlowStep {
    }

    record Redirect(String url) implements FlowStep {
    }
}
