package io.leakwatch.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.leakwatch.platform.messaging.TransientFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into a problem response. Client mistakes say what was wrong; a database that is
 * overloaded or unreachable is a 503 with {@code Retry-After}; anything else is a 500. No body names a class, stack or
 * SQL.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /**
     * Note: long enough for a burst to drain and for PostgreSQL to come back from a restart, short enough that a client
     * does not wait long after the service recovered; the same order as the time a request already waited for a pooled
     * connection (Agroal's acquisition timeout, 5 s by default) (docs/decisions.md, "Session 6: overload answers").
     */
    static final int RETRY_AFTER_SECONDS = 5;

    private static final Pattern QUALIFIED = Pattern.compile("`?\\(?\\b(?:[a-z_][\\w$]*\\.)+([A-Z][\\w$]*)\\)?`?");

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return exception.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException exception) {
        List<String> errors = exception.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .toList();
        return new Problem(
                        "about:blank",
                        "Bad Request",
                        400,
                        "The request is not valid: " + String.join("; ", errors),
                        errors)
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException exception) {
        return Problem.of(400, "The body is not valid JSON: " + withoutClassNames(exception.getOriginalMessage()))
                .toResponse();
    }

    /** Quarkus has a built-in mapper for these that answers plain JSON; ours wins by being more specific. */
    @ServerExceptionMapper
    public Response mismatched(InvalidFormatException exception) {
        return wrongShape(exception);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException exception) {
        return wrongShape(exception);
    }

    private static Response wrongShape(MismatchedInputException exception) {
        String field = exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("(body)");
        String reason;
        if (exception instanceof UnrecognizedPropertyException) {
            reason = "this endpoint takes no such field";
        } else if (exception.getTargetType() != null) {
            reason = "expected " + expected(exception.getTargetType());
            if (exception instanceof InvalidFormatException invalid
                    && invalid.getValue() instanceof String value
                    && value.length() <= 60) {
                reason += ", not \"" + value + "\"";
            }
        } else {
            reason = withoutClassNames(exception.getOriginalMessage());
        }
        return Problem.of(400, "The body does not have the shape this endpoint takes, at '" + field + "': " + reason)
                .toResponse();
    }

    /** What a caller should have sent, in words: Java's type names are not the API's. */
    private static String expected(Class<?> type) {
        if (Instant.class.equals(type) || OffsetDateTime.class.equals(type) || ZonedDateTime.class.equals(type)) {
            return "an ISO 8601 date and time such as 2021-05-20T09:00:00Z";
        }
        if (LocalDate.class.equals(type)) {
            return "an ISO date such as 2021-05-20";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Set.of(Long.class, long.class, Integer.class, int.class, Short.class, short.class, BigInteger.class)
                .contains(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Jackson's messages name Java classes ({@code `java.time.Instant`}, {@code (java.time...Exception)}): not ours. */
    static String withoutClassNames(String message) {
        if (message == null) {
            return "";
        }
        return QUALIFIED.matcher(message).replaceAll("$1");
    }

    /** Needs {@code quarkus.http.auth.proactive=false}, so that a bad token reaches the mappers. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException exception) {
        return Response.fromResponse(
                        Problem.of(401, "A valid bearer token is required.").toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    /**
     * Two replicas appended to the same aggregate at once (within one replica, Axon's per-aggregate lock orders them and
     * the loser sees the winner's events instead): the loser's command recorded nothing and may be sent again.
     */
    @ServerExceptionMapper
    public Response concurrent(ConcurrencyException exception) {
        return Problem.of(
                        409,
                        "Someone else changed this at the same moment; nothing was recorded. Read it again and "
                                + "retry.")
                .toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return Problem.of(403, "Your role does not allow this.").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status == 400 && exception.getCause() instanceof JsonProcessingException unreadable) {
            // RESTEasy Reactive wraps a body that ends mid-JSON in a bare 400 ("HTTP 400 Bad Request"): say what it is.
            return unreadable(unreadable);
        }
        if (status >= 500) {
            LOG.error("Request failed", exception);
            return Problem.of(status, "The service could not answer this request.")
                    .toResponse();
        }
        return Problem.of(status, exception.getMessage()).toResponse();
    }

    /**
     * Anything no other mapper took, {@link Throwable} and not just {@link RuntimeException}: the reactive pool's "no
     * connection in time" is a bare {@code Throwable} and Agroal's a checked {@code SQLException}, which Quarkus would
     * otherwise answer with a 500 of its own, without a problem body. Both may arrive wrapped (a
     * {@code CompletionException}, Hibernate's or Axon's exceptions), hence the look down the chain of causes.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable exception) {
        return TransientFailures.unavailableCause(exception)
                .map(ProblemMappers::unavailable)
                .orElseGet(() -> {
                    LOG.error("Request failed", exception);
                    return Problem.of(500, "The service could not answer this request.")
                            .toResponse();
                });
    }

    /**
     * The database is too busy to give a connection in time, or cannot be reached: the service's state, not the
     * request's fault, and it passes. A 503 with {@code Retry-After} tells a client to come back rather than give up.
     */
    private static Response unavailable(Throwable cause) {
        // Note: no stack trace. Under overload this line is written once per refused request, and the trace of a pool
        // timeout says nothing its message does not.
        LOG.warnf("Answered 503, the database is busy or unreachable: %s", cause);
        return Response.fromResponse(Problem.of(
                                503,
                                "The service is overloaded: its database is busy or cannot be reached. Nothing in "
                                        + "the request is wrong; send it again in a few seconds.")
                        .toResponse())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method parameters show up as "method.arg0.field": the field is what a caller understands.
        String field = path.contains(".") ? path.substring(path.indexOf('.', path.indexOf('.') + 1) + 1) : path;
        return field + " " + violation.getMessage();
    }
}
