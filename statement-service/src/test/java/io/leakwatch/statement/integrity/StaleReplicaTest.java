package io.leakwatch.statement.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.statement.StatementApproved;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.rest.Claims;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.StoredEvents;
import io.leakwatch.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * This replica keeps the statements it drafted loaded (Axon's aggregate cache); another replica, sharing the store,
 * changes one of them. The next decision here must be taken on the stream as stored, not on the loaded copy: a copy
 * that missed an approval would refuse the publication of an approved version, and a refusal appends nothing that
 * could fail on the taken sequence number.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class StaleReplicaTest {

    @Inject
    EventStore events;

    @Test
    void aDecisionAfterAnotherReplicasChangeIsTakenOnTheStoredStream() {
        String incident = Claims.file();
        String statements = "/api/v1/incidents/" + incident + "/statements";
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> comms().get(statements + "/1").then().statusCode(200));
        assertThat(StoredEvents.types(LeakwatchTestStack.database(), incident)).containsExactly("StatementDrafted");

        // The other replica approves version 1: its event, appended to the shared store behind this replica's back.
        QuarkusTransaction.requiringNew()
                .run(() -> events.publish(new GenericDomainEventMessage<>(
                        "Statement",
                        incident,
                        1,
                        new StatementApproved(incident, 1, "officer-on-replica-2", Instant.now()))));

        comms().post(statements + "/1/publication").then().statusCode(200);
        assertThat(StoredEvents.types(LeakwatchTestStack.database(), incident))
                .containsExactly("StatementDrafted", "StatementApproved", "StatementPublished");
    }

    private static RequestSpecification comms() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.COMMS));
    }
}
