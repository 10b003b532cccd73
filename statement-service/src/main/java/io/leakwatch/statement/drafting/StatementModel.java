package io.leakwatch.statement.drafting;

import io.quarkus.qute.TemplateData;

/** What a statement template is filled with: every value already written the way its language writes it. */
@TemplateData
public record StatementModel(
        String organisation,
        String title,
        String discoveredAt,
        String claim,
        String registrySize,
        String registryAsOf,
        boolean claimExceedsRegistry,
        String safeguards,
        String authorities,
        String memberAdvice,
        String nextUpdate,
        String contact) {}
