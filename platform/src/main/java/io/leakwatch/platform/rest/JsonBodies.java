package io.leakwatch.platform.rest;

import io.leakwatch.platform.config.LeakwatchConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Reads a JSON request body whole on the event loop, before RESTEasy Reactive hands the request to a {@code @Blocking}
 * resource method. Without this, the worker thread reads the body itself through a blocking stream that waits for the
 * event loop to pass it each buffer: one more thread hop each way per request, which the profile of intake's
 * {@code POST /api/v1/incidents} showed as its longest wait on a loaded box (docs/BENCHMARKS.md, "Append through
 * intake's HTTP API"). RESTEasy Reactive takes a body that is already read (the routing context's), so nothing changes
 * for the resources. JSON bodies are commands of a few hundred bytes, so they are bounded by their own limit
 * ({@code leakwatch.http.json-body-limit}), answered with a 413 problem past it, chunked or not; other bodies (the CSV
 * uploads) are streamed as before. Only over HTTP/1.x: see {@link #isHttp2}; an HTTP/2 JSON body is bounded by its
 * announced length instead ({@link #boundUnread}).
 *
 * <p>Order -1: after {@link OversizedBodies}, before RESTEasy Reactive's route. The services check tokens inside the REST
 * layer ({@code quarkus.http.auth.proactive=false}, so that a refused token is answered with a problem), so a body is
 * read before its token is checked; the JSON limit bounds what an anonymous client can make a service hold.
 */
@ApplicationScoped
public class JsonBodies {

    private final long limit;

    JsonBodies(LeakwatchConfig config) {
        this.limit = config.http().jsonBodyLimit().asLongValue();
    }

    void readFirst(@Observes Router router) {
        // Note: preallocated, so that an empty body is an empty buffer. Without one, RESTEasy Reactive would wait for a
        // body from a request that has ended, until its read timeout.
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(limit).setPreallocateBodyBuffer(true);
        router.route()
                .order(-1)
                .handler(context -> {
                    if (!carriesJson(context.request())) {
                        context.next();
                    } else if (isHttp2(context.request())) {
                        boundUnread(context);
                    } else {
                        reader.handle(context);
                    }
                })
                .failureHandler(this::refuseOversized);
    }

    /**
     * Note: HTTP/2 bodies are left to RESTEasy Reactive, which pauses every request it takes, and Vert.x refuses to
     * pause an HTTP/2 request that has ended (HTTP/1.x ignores it): read here, every JSON request over HTTP/2 was a 500
     * (quarkusio/quarkus#34393). Those bodies are read on the worker, as before this class, bounded by
     * {@link #boundUnread}.
     */
    private static boolean isHttp2(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2;
    }

    /**
     * Bounds an HTTP/2 JSON body that is left unread: by its declared {@code Content-Length}, which Netty holds the
     * stream to (a stream that sends more is reset), or, without one, not at all, so a body without a length is
     * refused (411) rather than read on the worker up to {@code quarkus.http.limits.max-body-size} (gigabytes for the
     * uploads of intake and matching). A client with a body in hand (curl, Java's {@code HttpClient}, a browser's
     * {@code fetch}) announces its length; a JSON command has no reason to be streamed.
     */
    private void boundUnread(RoutingContext context) {
        HttpServerRequest request = context.request();
        long announced = OversizedBodies.announcedLength(request);
        if (announced < 0 && !request.isEnded()) {
            RouteProblems.end(
                    context.response(),
                    Problem.of(
                            411,
                            "Over HTTP/2, send a JSON body with its Content-Length (at most " + limit + " bytes)."));
        } else if (announced > limit) {
            RouteProblems.end(context.response(), tooLarge());
        } else {
            context.next();
        }
    }

    private Problem tooLarge() {
        return Problem.of(413, "The JSON body is larger than the " + limit + " bytes this service takes.");
    }

    private static boolean carriesJson(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return false;
        }
        String type = request.getHeader("Content-Type");
        if (type == null) {
            return false;
        }
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private void refuseOversized(RoutingContext context) {
        if (context.statusCode() != 413
                || !carriesJson(context.request())
                || context.response().headWritten()) {
            context.next();
            return;
        }
        RouteProblems.end(context.response(), tooLarge());
    }
}
