package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.repository.StatementVersionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An incident's holding statements. */
@Path("/api/v1/incidents/{incidentId}/statements")
@Produces(MediaType.APPLICATION_JSON)
public class StatementResource {

    @GET
    @RolesAllowed({Roles.COMMS, Roles.ANALYST, Roles.AUDITOR})
    @Path("/latest")
    @WithSession
    public Uni<StatementView> latest(@PathParam("incidentId") String incidentId) {
        return StatementVersionEntity.latest(incidentId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No statement for incident " + incidentId + " yet"))
                .map(StatementView::of);
    }
}
