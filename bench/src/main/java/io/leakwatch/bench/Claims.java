package io.leakwatch.bench;

import java.util.UUID;

/** The claims the benches file at intake-service. */
public final class Claims {

    /** The 2021 claim (as e2e's {@code Incidents}): 279 million Indonesians, said to be BPJS Kesehatan's participants. */
    private static final String CLAIM_2021 = """
            {"title":"Data of 279 million Indonesians offered on a forum",
             "source":{"kind":"FORUM","url":"https://forum.example/Thread-%s","actor":"Kotz"},
             "claimedRecordCount":279000000,
             "dataCategories":["NIK","NAME","PHONE","ADDRESS","SALARY"],
             "discoveredAt":"2021-05-20T09:00:00Z",
             "jurisdictions":["ID"]}
            """;

    private Claims() {}

    /** The 2021 claim's JSON body, from a forum thread of its own each time (so that each files a new incident). */
    public static String the2021Claim() {
        return CLAIM_2021.formatted(UUID.randomUUID());
    }
}
