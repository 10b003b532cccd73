package io.leakwatch.statement.drafting;

import io.leakwatch.statement.config.StatementConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Writes the holding statement for a set of facts from the Qute templates in {@code templates/statement}. The text
 * depends on the facts and the configuration only (no clock), so the same events always give the same text.
 */
@ApplicationScoped
public class StatementRenderer {

    private final StatementConfig config;
    private final Template indonesian;
    private final Template english;

    StatementRenderer(
            StatementConfig config,
            @Location("statement/id.txt") Template indonesian,
            @Location("statement/en.txt") Template english) {
        this.config = config;
        this.indonesian = indonesian;
        this.english = english;
    }

    /** The statement for {@code facts}, whose claim must be known; {@code asOf} is when the newest fact was recorded. */
    public StatementTexts render(IncidentFacts facts, Instant asOf) {
        return new StatementTexts(
                indonesian.data("m", model(facts, asOf, StatementLanguage.ID)).render(),
                english.data("m", model(facts, asOf, StatementLanguage.EN)).render());
    }

    private StatementModel model(IncidentFacts facts, Instant asOf, StatementLanguage language) {
        StatementConfig.Boilerplate boilerplate = config.language().get(language.code());
        if (boilerplate == null) {
            throw new IllegalStateException("No leakwatch.statement.language." + language.code() + ".* configured");
        }
        return new StatementModel(
                config.organisation(),
                facts.title(),
                language.dateTime(facts.discoveredAt(), config.zone(), boilerplate.zoneName()),
                language.count(facts.claimedRecordCount()),
                language.count(config.registrySize()),
                language.month(config.registryAsOf()),
                facts.claimedRecordCount() > config.registrySize(),
                boilerplate.safeguards(),
                boilerplate.authorities(),
                boilerplate.memberAdvice(),
                language.dateTime(asOf.plus(config.nextUpdateAfter()), config.zone(), boilerplate.zoneName()),
                config.contact());
    }
}
