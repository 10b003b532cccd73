package io.leakwatch.e2e.fault;

import io.leakwatch.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's HTTP client. Counts every request it sends; a request that could not reach its service (down,
 * killed mid-answer) comes back as {@link Answer#unreachable()} rather than an exception, since that is the normal
 * case during a fault run.
 */
final class Api {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Commands (POSTs) sent, retries included; reads are not counted. */
    final AtomicLong sent = new AtomicLong();

    /** What a service answered; status 0 when it could not be reached or died before answering. */
    record Answer(int status, String body) {

        boolean unreachable() {
            return status == 0 || status >= 500;
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonPath json() {
            return JsonPath.from(body);
        }
    }

    Answer get(String url, String role) {
        return send(request(url, role).GET(), false);
    }

    Answer post(String url, String role, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                request(url, role).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, true);
    }

    Answer postJson(String url, String role, String json) {
        return post(url, role, "application/json", json, Map.of());
    }

    private HttpRequest.Builder request(String url, String role) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "application/json");
        if (role != null) {
            request.header("Authorization", "Bearer " + tokens.computeIfAbsent(role, TestTokens::forRoles));
        }
        return request;
    }

    private Answer send(HttpRequest.Builder request, boolean command) {
        if (command) {
            sent.incrementAndGet();
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException unreachable) {
            return new Answer(0, unreachable.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
