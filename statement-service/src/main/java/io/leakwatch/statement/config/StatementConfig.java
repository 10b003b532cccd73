package io.leakwatch.statement.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

/** Everything a holding statement says that is the organisation's and not the incident's. */
@ConfigMapping(prefix = "leakwatch.statement")
public interface StatementConfig {

    /** The organisation's name as it signs its statements. */
    String organisation();

    /** The registry's size as the organisation publishes it (e.g. 222400000). */
    long registrySize();

    /** The month that published figure is as of (e.g. 2021-05). */
    YearMonth registryAsOf();

    /** Where members and the press reach the organisation about the incident. */
    String contact();

    /** How long after a fact the statement promises its next update. */
    Duration nextUpdateAfter();

    /** The time zone the statement's times are written in. */
    ZoneId zone();

    /** The language-specific boilerplate, keyed by language code ({@code id}, {@code en}). */
    Map<String, Boilerplate> language();

    interface Boilerplate {

        /** Point 3: the organisation's safeguards. */
        String safeguards();

        /** Point 4: the authorities the organisation coordinates with. */
        String authorities();

        /** What members can do now. */
        String memberAdvice();

        /** The abbreviation of the zone, as readers know it (WIB). */
        String zoneName();
    }
}
