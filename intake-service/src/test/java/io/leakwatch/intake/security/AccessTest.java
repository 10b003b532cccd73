package io.leakwatch.intake.security;

import static io.leakwatch.platform.security.Roles.ANALYST;
import static io.leakwatch.platform.security.Roles.AUDITOR;
import static io.leakwatch.platform.security.Roles.REPORTER;

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

/** Every endpoint of /q/openapi against the roles it should let in (the README's table); a change of annotations fails. */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class AccessTest {

    private static final String INCIDENT = "/api/v1/incidents/{incidentId}";

    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            // platform's own endpoints, in every service
            Map.entry("GET /api/v1/event-store/verify", Set.of(AUDITOR)),
            Map.entry("GET /api/v1/dead-letters", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/dead-letters/replay", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/incidents", Set.of(REPORTER)),
            Map.entry("GET /api/v1/incidents", Set.of(REPORTER, ANALYST, AUDITOR)),
            Map.entry("GET " + INCIDENT, Set.of(REPORTER, ANALYST, AUDITOR)),
            Map.entry("GET " + INCIDENT + "/events", Set.of(ANALYST, AUDITOR)),
            Map.entry("POST " + INCIDENT + "/triage", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/awareness", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/sightings", Set.of(ANALYST, REPORTER)),
            Map.entry("POST " + INCIDENT + "/observables", Set.of(ANALYST)),
            Map.entry("PUT " + INCIDENT + "/observables/{observableId}/takedown", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/notifications", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/closure", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/dismissal", Set.of(ANALYST)),
            Map.entry("POST " + INCIDENT + "/samples", Set.of(REPORTER)),
            Map.entry("GET " + INCIDENT + "/samples/{sampleId}", Set.of(REPORTER, ANALYST, AUDITOR)));

    @TestFactory
    Stream<DynamicTest> everyEndpointLetsInExactlyItsRoles() {
        return AccessMatrix.tests(EXPECTED);
    }
}
