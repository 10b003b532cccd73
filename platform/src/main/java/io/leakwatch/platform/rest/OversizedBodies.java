package io.leakwatch.platform.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem, like every other
 * refusal. Quarkus checks the same limit in a route of order -2 and answers a bare 413 with no body; this route runs
 * just before it. A chunked body that grows past the limit is still cut off by Quarkus (no problem body then: the
 * answer goes out while the request is still arriving); a route cannot count those bytes, as RESTEasy Reactive takes the
 * request's one data handler (docs/decisions.md, "Session 6: overload answers"). An endpoint that takes big bodies counts
 * its own below this limit, as intake's sample upload does.
 */
@ApplicationScoped
public class OversizedBodies {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> limit;

    void refuseEarly(@Observes Router router) {
        limit.map(MemorySize::asLongValue)
                .ifPresent(bytes -> router.route().order(-3).handler(context -> refuseOver(context, bytes)));
    }

    private static void refuseOver(RoutingContext context, long limit) {
        long length = announcedLength(context.request());
        if (length <= limit) {
            context.next();
            return;
        }
        Problem tooLarge =
                Problem.of(413, "The body is " + length + " bytes; this service takes at most " + limit + " bytes.");
        // Note: the body is read (and dropped) before the answer, so that a client still sending it reads the problem
        // rather than a reset connection.
        context.request().handler(ignored -> {}).endHandler(ended -> RouteProblems.end(context.response(), tooLarge));
    }

    /** The request's {@code Content-Length}; -1 when it has none or a malformed one, which Vert.x refuses itself. */
    static long announcedLength(HttpServerRequest request) {
        String announced = request.getHeader("Content-Length");
        try {
            return announced == null ? -1 : Long.parseLong(announced.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
