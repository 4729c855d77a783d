package io.linkport.web;

/** One problem with a request body: where ({@code operations[1].arguments.cvv}) and what. */
public record ValidationIssue(String path, String message) {
}
