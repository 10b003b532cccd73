package io.leakwatch.statement.drafting;

/** One version of a statement in both its languages. */
public record StatementTexts(String id, String en) {}
