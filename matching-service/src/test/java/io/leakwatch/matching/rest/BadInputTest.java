package io.leakwatch.matching.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.BadBodies;
import io.leakwatch.testing.BadInput;
import io.leakwatch.testing.BadInputTally;
import io.leakwatch.testing.JsonEndpoint;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is refused by every endpoint of matching-service: {@link BadBodies}' corpus for the data-share bodies
 * (create and update), malformed ids and missing parameters for the reads, each a 4xx problem naming what is wrong,
 * no 5xx, no stack trace and nothing recorded; then seeded mutations of the valid bodies, each a 2xx or a 4xx problem.
 * Registry exports that are not exports: {@link BadRegistryImportTest}.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final int MUTATIONS = 200;
    private static final BadInputTally TALLY = new BadInputTally("matching");

    private static final String SHARE = """
            {"name":"%s","description":"Monthly export to a partner insurer","recipient":"PT Asuransi Contoh",
             "columns":["nik","full_name","birth_date"],"canarySet":"%s"}""";

    private String shareId;

    /** Made in the first test, not in a @BeforeAll: rest-assured knows the test port only once a test runs. */
    @BeforeEach
    void aShare() {
        if (shareId == null) {
            shareId = existingShare();
        }
    }

    @AfterAll
    static void report() {
        TALLY.print();
    }

    @Test
    void malformedShareBodiesAreRefusedAndRecordNothing() throws SQLException {
        long shares = shares();
        String before = share(shareId);
        TALLY.refused(create().assertCorpusRefused());
        TALLY.refused(update().assertCorpusRefused());
        assertThat(shares()).as("data shares").isEqualTo(shares);
        assertThat(share(shareId)).as("the share updated with bad bodies").isEqualTo(before);
    }

    @Test
    void malformedIdsAndParametersAreRefusedAndRecordNothing() throws SQLException {
        long imports = LeakwatchTestStack.database().count("SELECT count(*) FROM registry_import");
        long events = LeakwatchTestStack.database().count("SELECT count(*) FROM domainevententry");
        List<String> paths = List.of(
                "/api/v1/data-shares/not-a-uuid",
                "/api/v1/data-shares/" + UUID.randomUUID(),
                "/api/v1/data-shares/-1",
                "/api/v1/data-shares/99999999999999999999999",
                "/api/v1/registry/imports/not-a-uuid",
                "/api/v1/registry/imports/" + UUID.randomUUID(),
                "/api/v1/registry/imports/%00",
                "/api/v1/verifications",
                "/api/v1/verifications?incidentId=",
                "/api/v1/verifications?incidentId=%20%20",
                "/api/v1/verifications/not-a-sample",
                "/api/v1/verifications/" + "x".repeat(4000));
        for (String path : paths) {
            // The paths are sent as written: they hold their own escapes.
            BadInput.assertRefused(analyst().urlEncodingEnabled(false).get(path), "GET " + path);
            TALLY.refused(1);
        }
        // A JSON endpoint's body sent to the CSV import, and a share's id that is no UUID on update.
        BadInput.assertRefused(
                analyst().contentType("application/json").body(SHARE).post("/api/v1/registry/imports"),
                "a share sent as a registry export");
        BadInput.assertRefused(
                update().at("/api/v1/data-shares/not-a-uuid").send("application/json", valid("x", "y")),
                "PUT to a share id that is no UUID");
        TALLY.refused(2);
        assertThat(LeakwatchTestStack.database().count("SELECT count(*) FROM registry_import"))
                .as("registry imports")
                .isEqualTo(imports);
        assertThat(LeakwatchTestStack.database().count("SELECT count(*) FROM domainevententry"))
                .as("events")
                .isEqualTo(events);
    }

    static IntStream seeds() {
        return IntStream.range(0, MUTATIONS);
    }

    /** Even seeds mutate the body of a new share, odd ones an update of the existing share. */
    @ParameterizedTest
    @MethodSource("seeds")
    void aMutatedBodyIsAcceptedOrRefusedWithAProblemNeverAFailure(int seed) {
        Response response = (seed % 2 == 0 ? create() : update()).assertMutationHandled(seed);
        TALLY.fuzzed(response);
    }

    private static JsonEndpoint create() {
        // A name and canary set of their own, so that a valid body is not refused as a duplicate.
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new JsonEndpoint(
                "POST",
                "/api/v1/data-shares",
                Roles.ANALYST,
                valid("Partner " + unique, "canary-" + unique),
                List.of("name", "recipient", "columns"));
    }

    private JsonEndpoint update() {
        return create().at("/api/v1/data-shares/" + shareId).withMethod("PUT");
    }

    private static String existingShare() {
        JsonEndpoint create = create();
        return create.send("application/json", create.body())
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String valid(String name, String canarySet) {
        return SHARE.formatted(name, canarySet);
    }

    private static String share(String id) {
        return analyst()
                .get("/api/v1/data-shares/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static long shares() throws SQLException {
        return LeakwatchTestStack.database().count("SELECT count(*) FROM data_share");
    }

    private static io.restassured.specification.RequestSpecification analyst() {
        return BadBodies.raw(TestTokens.forRoles(Roles.ANALYST));
    }
}
