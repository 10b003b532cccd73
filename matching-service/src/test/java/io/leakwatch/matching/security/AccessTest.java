package io.leakwatch.matching.security;

import static io.leakwatch.platform.security.Roles.ANALYST;
import static io.leakwatch.platform.security.Roles.AUDITOR;

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

    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            // platform's own endpoints, in every service
            Map.entry("GET /api/v1/event-store/verify", Set.of(AUDITOR)),
            Map.entry("GET /api/v1/dead-letters", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/dead-letters/replay", Set.of(AUDITOR)),
            Map.entry("POST /api/v1/registry/imports", Set.of(ANALYST)),
            Map.entry("GET /api/v1/registry/imports", Set.of(ANALYST, AUDITOR)),
            Map.entry("GET /api/v1/registry/imports/{id}", Set.of(ANALYST, AUDITOR)),
            Map.entry("GET /api/v1/registry/stats", Set.of(ANALYST, AUDITOR)),
            Map.entry("GET /api/v1/data-shares", Set.of(ANALYST)),
            Map.entry("POST /api/v1/data-shares", Set.of(ANALYST)),
            Map.entry("GET /api/v1/data-shares/{id}", Set.of(ANALYST)),
            Map.entry("PUT /api/v1/data-shares/{id}", Set.of(ANALYST)),
            Map.entry("GET /api/v1/verifications/{sampleId}", Set.of(ANALYST, AUDITOR)),
            Map.entry("GET /api/v1/verifications", Set.of(ANALYST, AUDITOR)));

    @TestFactory
    Stream<DynamicTest> everyEndpointLetsInExactlyItsRoles() {
        return AccessMatrix.tests(EXPECTED);
    }
}
