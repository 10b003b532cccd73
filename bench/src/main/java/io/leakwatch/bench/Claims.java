package io.leakwatch.bench;

import java.util.UUID;

/** The claim the benches file at intake: e2e's 2021 claim, from a thread of its own each time (never a sighting). */
public final class Claims {

    private static final String CLAIM_2021 = """
            {"title":"Data of 279 million Indonesians offered on a forum",
             "source":{"kind":"FORUM","url":"https://forum.example/Thread-%s","actor":"Kotz"},
             "claimedRecordCount":279000000,
             "dataCategories":["NIK","NAME","PHONE","ADDRESS","SALARY"],
             "discoveredAt":"2021-05-20T09:00:00Z",
             "jurisdictions":["ID"]}
            """;

    private Claims() {}

    /** A new report body for {@code POST /api/v1/incidents}. */
    public static String newClaim2021() {
        return CLAIM_2021.formatted(UUID.randomUUID());
    }
}
