package io.leakwatch.statement.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.leakwatch.contracts.CloudEvent;
import io.leakwatch.contracts.IntegrationEvent;
import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.SampleSubmitted;
import io.leakwatch.contracts.verification.VerificationOpened;
import io.leakwatch.platform.messaging.CloudEventCodec;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.drafting.IncidentFacts;
import io.leakwatch.statement.drafting.StatementDrafter;
import io.leakwatch.statement.repository.IncidentFactsRepository;
import io.leakwatch.statement.rest.Claims;
import io.leakwatch.testing.DeadLetters;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The event consumers take their records in batches, one transaction per step and batch: a record whose drafting fails
 * for good goes to the dead letters alone while the rest of its batch is drafted and audited, and two transactions
 * that bring facts about one incident at once each fold theirs into what the other committed.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class BatchedConsumptionTest {

    private final CloudEventCodec codec = new CloudEventCodec();

    @Inject
    StatementDrafter drafter;

    @Inject
    IncidentFactsRepository facts;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRecordWhoseDraftingFailsForGoodIsRefusedAloneAndNotAudited() {
        String incidentId = UUID.randomUUID().toString();
        // Decodes, but cannot be folded: a sample without an id.
        String broken = envelope(new SampleSubmitted(
                incidentId, null, "00", 1, 1, 0, 1, List.of(), List.of(), List.of(), "k1", Instant.now()));
        String reported = envelope(reported(incidentId));

        // One call, one partition (the key): the two usually arrive in one poll, so in one batch.
        TopicWriter.publish(
                LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS, incidentId, broken, reported);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead =
                    DeadLetters.keyed(LeakwatchTestStack.broker().bootstrapServers(), incidentId);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(broken);
            assertThat(DeadLetters.header(dead.get(0), "dead-letter-reason")).isNotBlank();
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.forRoles(Roles.COMMS))
                        .get("/api/v1/incidents/" + incidentId + "/statements")
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1)));
        given().auth()
                .oauth2(TestTokens.forRoles(Roles.AUDITOR))
                .get("/api/v1/audit/incidents/" + incidentId + "/trail")
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.topic == 'leakwatch.incident-events' }.type",
                        equalTo(List.of("io.leakwatch.incident.IncidentReported")));
    }

    @Test
    void factsBroughtAtOnceByTwoTransactionsAreBothKept() throws Exception {
        String incidentId = UUID.randomUUID().toString();
        CountDownLatch firstFolded = new CountDownLatch(1);
        // The first transaction folds the verification's opening and stays open a while; the second folds the claim
        // meanwhile. Without the lock the second reads no facts, waits only on the first's row, then overwrites it.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    drafter.onFacts(List.of(fact(
                            new VerificationOpened(incidentId, 279_000_000L, Instant.parse("2021-05-20T04:00:00Z")))));
                    firstFolded.countDown();
                    sleep(700);
                }));
        assertThat(firstFolded.await(20, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> drafter.onFacts(List.of(fact(reported(incidentId)))));
        first.get(20, TimeUnit.SECONDS);

        try (Connection connection = dataSource.getConnection()) {
            IncidentFacts stored =
                    facts.findAll(connection, List.of(incidentId)).get(incidentId);
            assertThat(stored.verificationOpenedAt()).isEqualTo(Instant.parse("2021-05-20T04:00:00Z"));
            assertThat(stored.claimedRecordCount()).isEqualTo(279_000_000L);
        }
    }

    private static IncidentReported reported(String incidentId) {
        return Claims.reported(incidentId, Instant.parse("2021-05-20T03:00:00Z"));
    }

    private static StatementDrafter.Fact fact(IntegrationEvent event) {
        return new StatementDrafter.Fact(wrap(event), Map.of());
    }

    private static CloudEvent<IntegrationEvent> wrap(IntegrationEvent event) {
        return CloudEvent.wrap(UUID.randomUUID().toString(), "/leakwatch/test", Instant.now(), event);
    }

    private String envelope(IntegrationEvent event) {
        return codec.encode(wrap(event));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
