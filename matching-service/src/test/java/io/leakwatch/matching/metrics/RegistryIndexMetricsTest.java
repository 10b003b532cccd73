package io.leakwatch.matching.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.matching.MatchingDriver;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.PrometheusText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** After an import, the metrics describe the index of the generation that now serves (what the benchmark reads). */
@QuarkusTest
@WithTestResource(value = LeakwatchTestStack.class, scope = TestResourceScope.GLOBAL)
class RegistryIndexMetricsTest {

    private static final Map<String, String> MATCHING = Map.of("service", "matching-service");
    private static final int MEMBERS = 40;

    @Test
    void theIndexOfTheImportedGenerationIsDescribed() throws Exception {
        StringBuilder export = new StringBuilder("nik,full_name,status,registered_on\n");
        for (int i = 1; i <= MEMBERS; i++) {
            export.append(String.format("3171011501800%03d,Member %d,ACTIVE,2020-01-01%n", i, i));
        }
        MatchingDriver.importRegistry(export.toString());
        long generation = currentGeneration();

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            PrometheusText metrics = PrometheusText.parse(
                    given().get("/q/metrics").then().statusCode(200).extract().asString());
            assertThat(metrics.value("leakwatch_registry_index_generation", MATCHING))
                    .contains((double) generation);
            assertThat(metrics.value("leakwatch_registry_index_members", MATCHING))
                    .contains((double) MEMBERS);
            assertThat(metrics.value("leakwatch_registry_index_bytes", MATCHING))
                    .hasValueSatisfying(bytes -> assertThat(bytes).isGreaterThan(MEMBERS * 12.0));
            assertThat(metrics.value("leakwatch_registry_index_build_seconds", MATCHING))
                    .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(0.0, 20.0));
        });
    }

    private static long currentGeneration() throws Exception {
        try (Connection connection = LeakwatchTestStack.database().connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT generation FROM registry_current")) {
            row.next();
            return row.getLong(1);
        }
    }
}
