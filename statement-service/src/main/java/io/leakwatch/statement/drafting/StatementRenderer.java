package io.leakwatch.statement.drafting;

import io.leakwatch.statement.config.StatementConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Writer w = new Writer(language, boilerplate.zoneName());
        Optional<IncidentFacts.Sample> sample = facts.currentSample();
        IncidentFacts.Finding finding = sample.map(IncidentFacts.Sample::result).orElse(null);
        String verdict = finding == null ? null : finding.verdict();
        boolean finalStatement = facts.closedAt() != null || facts.dismissedAt() != null;
        return new StatementModel(
                config.organisation(),
                facts.title(),
                w.time(facts.discoveredAt()),
                language.count(facts.claimedRecordCount()),
                language.count(config.registrySize()),
                language.month(config.registryAsOf()),
                facts.claimedRecordCount() > config.registrySize(),
                facts.dataCategories().isEmpty()
                        ? null
                        : language.list(facts.dataCategories().stream()
                                .map(language::data)
                                .toList()),
                w.time(facts.awareAt()),
                facts.sightings() == 0 ? null : language.times(facts.sightings()),
                w.time(facts.lastSeenAt()),
                sample.map(s -> s.state().name()).orElse("NONE"),
                sample.map(IncidentFacts.Sample::rows).map(language::exact).orElse(null),
                sample.map(s -> w.time(s.receivedAt())).orElse(null),
                sample.filter(s -> !s.columns().isEmpty())
                        .map(s -> language.list(
                                s.columns().stream().map(language::data).toList()))
                        .orElse(null),
                verdict,
                "CONFIRMED".equals(verdict) || "LIKELY".equals(verdict),
                "FABRICATED".equals(verdict) || "UNLIKELY".equals(verdict),
                finding == null ? null : w.time(sample.get().stateAt()),
                finding == null ? null : language.exact(finding.checkedRows()),
                finding == null ? null : language.percent(finding.matchRate()),
                finding == null || finding.deceasedRows() == 0 ? null : language.exact(finding.deceasedRows()),
                finding == null || finding.latestUpdatedAt() == null ? null : language.date(finding.latestUpdatedAt()),
                notices(facts.notices(), w),
                w.time(facts.notifiedAt()),
                w.time(facts.closedAt()),
                w.time(facts.dismissedAt()),
                finalStatement,
                boilerplate.safeguards(),
                boilerplate.authorities(),
                boilerplate.memberAdvice(),
                w.time(asOf.plus(config.nextUpdateAfter())),
                config.contact());
    }

    /** The first notice of each jurisdiction and recipient, in the order they went out. */
    private static String notices(Map<String, Instant> notices, Writer w) {
        if (notices.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Instant>> sent = new ArrayList<>(notices.entrySet());
        sent.sort(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        return w.language.list(sent.stream()
                .map(notice -> {
                    String[] key = notice.getKey().split("/", 2);
                    return w.language.notice(key.length > 1 ? key[1] : key[0], key[0], w.time(notice.getValue()));
                })
                .toList());
    }

    private final class Writer {
        private final StatementLanguage language;
        private final String zoneName;

        Writer(StatementLanguage language, String zoneName) {
            this.language = language;
            this.zoneName = zoneName;
        }

        String time(Instant instant) {
            return instant == null ? null : language.dateTime(instant, config.zone(), zoneName);
        }
    }
}
