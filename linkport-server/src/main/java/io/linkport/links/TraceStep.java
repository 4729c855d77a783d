package io.linkport.links;

/** One step of a debug trace: what happened (never a secret) and when, in epoch milliseconds. */
public record TraceStep(String step, String detail, long at) {
}
