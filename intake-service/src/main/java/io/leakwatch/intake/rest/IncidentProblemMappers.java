package io.leakwatch.intake.rest;

import io.leakwatch.intake.domain.IncidentTransitionRefused;
import io.leakwatch.platform.rest.Problem;
import jakarta.ws.rs.core.Response;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How the Incident's refusals reach an HTTP caller. Nothing was recorded in any of these cases. */
public class IncidentProblemMappers {

    @ServerExceptionMapper
    public Response refused(IncidentTransitionRefused refusal) {
        return Problem.of(409, refusal.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unknown(AggregateNotFoundException unknown) {
        return Problem.of(404, "No incident " + unknown.getAggregateIdentifier())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response stale(ConflictingModificationException conflict) {
        return Problem.of(412, "The incident changed since the version in If-Match; read it again and retry.")
                .toResponse();
    }

    /** The Incident aggregate refuses a command that is malformed on its own with this exception. */
    @ServerExceptionMapper
    public Response malformed(IllegalArgumentException malformed) {
        return Problem.of(400, malformed.getMessage()).toResponse();
    }
}
