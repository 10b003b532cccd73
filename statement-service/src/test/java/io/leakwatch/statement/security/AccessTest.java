package io.leakwatch.statement.security;

import static io.leakwatch.platform.security.Roles.ANALYST;
import static io.leakwatch.platform.security.Roles.AUDITOR;
import static io.leakwatch.platform.security.Roles.COMMS;

import io.leakwatch.testing.AccessMatrix;
import io.leakwatch.testing.LeakwatchTestStack;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of /q/openapi against the roles it should let in (the README's table); a change of annotations fails.
 * The published statements are the only reads anyone may make.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class AccessTest {

    private static final String STATEMENTS = "/api/v1/incidents/{incidentId}/statements";
    private static final String TRAIL = "/api/v1/audit/incidents/{incidentId}/trail";
    private static final Set<String> READERS = Set.of(COMMS, ANALYST, AUDITOR);

    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            // platform's own endpoints, in every service
            Map.entry("GET /api/v1/event-store/verify", Set.of(AUDITOR)),
            Map.entry("GET /api/v1/dead-letters", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/dead-letters/replay", Set.of(AUDITOR)),
            Map.entry("GET " + STATEMENTS, READERS),
            Map.entry("POST " + STATEMENTS, Set.of(COMMS)),
            Map.entry("GET " + STATEMENTS + "/latest", READERS),
            Map.entry("GET " + STATEMENTS + "/{version}", READERS),
            Map.entry("GET " + STATEMENTS + "/{from}/diff/{to}", READERS),
            Map.entry("POST " + STATEMENTS + "/{version}/approval", Set.of(COMMS)),
            Map.entry("POST " + STATEMENTS + "/{version}/publication", Set.of(COMMS)),
            Map.entry("POST " + STATEMENTS + "/{version}/withdrawal", Set.of(COMMS)),
            Map.entry("GET " + TRAIL, Set.of(AUDITOR)),
            Map.entry("GET " + TRAIL + "/verify", Set.of(AUDITOR)),
            Map.entry("GET " + TRAIL + "/export", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/audit/replays", Set.of(AUDITOR)),
            Map.entry("GET /api/v1/audit/replays/{id}", Set.of(AUDITOR)),
            Map.entry("GET /api/v1/incidents/{incidentId}/timeline", Set.of(ANALYST)),
            Map.entry("GET /statements", AccessMatrix.ANYONE),
            Map.entry("GET /statements/{incidentId}", AccessMatrix.ANYONE),
            Map.entry("GET /api/v1/public/statements", AccessMatrix.ANYONE));

    @TestFactory
    Stream<DynamicTest> everyEndpointLetsInExactlyItsRoles() {
        return AccessMatrix.tests(EXPECTED);
    }
}
