package io.leakwatch.bench.append;

import io.leakwatch.bench.Claims;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Files a new incident at a running intake-service per call, as a reporter does ({@code POST /api/v1/incidents} with
 * e2e's 2021 claim, {@link Claims}): a new thread link each time, so intake never takes it for a sighting of an open
 * incident, and each call is one {@code ReportIncident} command appending one {@code IncidentReported}.
 *
 * <p>Note: one {@link HttpClient} on HTTP/1.1 (no h2c upgrade attempt) shared by the calling threads keeps one
 * connection per thread alive, as a client with a connection pool would.
 */
final class IncidentReports {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI incidents;
    private final String token;

    IncidentReports(String intakeBaseUrl, String token) {
        this.incidents = URI.create(intakeBaseUrl + "/api/v1/incidents");
        this.token = token;
    }

    /** Files one claim and waits for its 201 (sent after the command's transaction committed). */
    void fileOne() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(incidents)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Claims.the2021Claim()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + incidents + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
