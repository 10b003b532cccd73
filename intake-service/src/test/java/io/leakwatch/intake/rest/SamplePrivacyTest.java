package io.leakwatch.intake.rest;

import static io.leakwatch.intake.rest.SampleFiles.asReporter;
import static io.leakwatch.intake.rest.SampleFiles.newIncident;
import static io.leakwatch.intake.rest.SampleFiles.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.Topics;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Privacy by design": after uploads, not one plaintext NIK, name or phone number of the files is in any
 * table of the service's database, in any record of any topic, or in the service's log.
 */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class SamplePrivacyTest {

    @Test
    void noPlaintextOfAnUploadedSampleIsStoredSentOrLogged() throws Exception {
        String incidentId = newIncident();
        upload(incidentId, SampleFiles.CANONICAL, null);
        upload(incidentId, SampleFiles.DUMP_2021, SampleFiles.DUMP_2021_MAPPING);
        // A refused upload sends nothing either (its message quotes no cell).
        asCsv().body(utf8("nik,full_name\n3171011205900001,\"Siti Nurhaliza\n"))
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(400);
        // Wait until the forwarder put both submissions on the topic, so the table and topics are complete.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.INCIDENT_EVENTS)
                                        .stream()
                                        .filter(record -> incidentId.equals(record.key()))
                                        .filter(record -> record.value().contains("SampleSubmitted"))
                                        .count()
                                == 2);

        assertThat(LeakwatchTestStack.database().tables()).contains("domainevententry");
        List<String> stored = LeakwatchTestStack.database().everyValue();
        List<String> sent = new ArrayList<>();
        for (String topic : Topics.ALL) {
            TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), topic)
                    .forEach(record -> {
                        sent.add(record.key());
                        sent.add(record.value());
                        for (Header header : record.headers()) {
                            sent.add(new String(header.value(), StandardCharsets.UTF_8));
                        }
                    });
        }
        String logged = Files.readString(Path.of("target", "intake-test.log"));

        // The scan reads what it should: the events' payloads (bytea) decode to their JSON.
        assertThat(stored).as("values in the database").anyMatch(value -> value.contains("\"headerNames\""));
        assertThat(sent).as("records on the topics").anyMatch(value -> value.contains("nikToken"));
        for (String plaintext : SampleFiles.PLAINTEXT) {
            assertThat(stored).as("the database").noneMatch(value -> value.contains(plaintext));
            assertThat(sent).as("the topics").noneMatch(value -> value != null && value.contains(plaintext));
            assertThat(logged).as("the log").doesNotContain(plaintext);
        }
    }

    private static void upload(String incidentId, String file, String mapping) {
        var request = asCsv().body(utf8(file));
        if (mapping != null) {
            request = request.queryParam("mapping", mapping);
        }
        request.post("/api/v1/incidents/" + incidentId + "/samples").then().statusCode(202);
    }

    private static io.restassured.specification.RequestSpecification asCsv() {
        return asReporter()
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("text/csv");
    }
}
