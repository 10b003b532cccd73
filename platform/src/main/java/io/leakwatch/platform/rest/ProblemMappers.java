package io.leakwatch.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into a problem response. Client mistakes say what was wrong; anything else is a
 * 500 whose body names no class, stack or SQL.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
        return Problem.of(400, "The body is not valid JSON: " + exception.getOriginalMessage())
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
        return Problem.of(
                        400,
                        "The body does not have the shape this endpoint takes, at '" + field + "': "
                                + exception.getOriginalMessage())
                .toResponse();
    }

    /** Needs {@code quarkus.http.auth.proactive=false}, so that a bad token reaches the mappers. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException exception) {
        return Response.fromResponse(
                        Problem.of(401, "A valid bearer token is required.").toResponse())
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception) {
        return Problem.of(403, "Your role does not allow this.").toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", exception);
            return Problem.of(status, "The service could not answer this request.")
                    .toResponse();
        }
        return Problem.of(status, exception.getMessage()).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException exception) {
        LOG.error("Request failed", exception);
        return Problem.of(500, "The service could not answer this request.").toResponse();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Method parameters show up as "method.arg0.field": the field is what a caller understands.
        String field = path.contains(".") ? path.substring(path.indexOf('.', path.indexOf('.') + 1) + 1) : path;
        return field + " " + violation.getMessage();
    }
}
