package io.leakwatch.bench.append;

import io.leakwatch.bench.Claims;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Files a new incident at a running intake-service per call, as a reporter does ({@code POST /api/v1/incidents} with
 * e2e's 2021 claim, {@link Claims}): a new thread link each time, so intake never takes it for a sighting of an open
 * incident, and each call is one {@code ReportIncident} command appending one {@code IncidentReported}.
 *
 * <p>Note: Vert.x's HTTP/1.1 client on one event loop, with a keep-alive connection per calling thread. The bench
 * shares the box's two cores with intake and PostgreSQL, and {@code java.net.http.HttpClient} took 0.25-0.7 ms of CPU
 * per POST against intake's own 0.5-0.7 (docs/BENCHMARKS.md, append): a load generator that costs as much as the
 * service it loads measures the client.
 */
final class IncidentReports implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http;
    private final RequestOptions post;

    IncidentReports(String intakeBaseUrl, String token, int connections) {
        URI base = URI.create(intakeBaseUrl);
        this.http = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections));
        this.post = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI("/api/v1/incidents")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json")
                .setTimeout(60_000);
    }

    /** Files one claim and waits for its 201 (sent after the command's transaction committed). */
    void fileOne() throws Exception {
        Buffer body = Buffer.buffer(Claims.the2021Claim());
        Answer answer = http.request(post)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(received -> new Answer(response, received)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        if (answer.response().statusCode() != 201) {
            throw new IllegalStateException(
                    "POST " + post.getURI() + " answered " + answer.response().statusCode() + ": " + answer.body());
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private record Answer(HttpClientResponse response, Buffer body) {}
}
