package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.Problem;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.audit.ProjectionReplay;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Replays of the read side from the topics, for auditors: POST starts one in the background (202 with its location),
 * GET reads its status, counts and differences. Nothing is started by a GET.
 */
@Path("/api/v1/audit/replays")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class ReplayResource {

    private final ProjectionReplay replay;
    private final SecurityIdentity identity;

    ReplayResource(ProjectionReplay replay, SecurityIdentity identity) {
        this.replay = replay;
        this.identity = identity;
    }

    /** What a POST answers. */
    public record Started(String id, String status) {}

    @POST
    public Response start(UriInfo uri) {
        String id = replay.start(identity.getPrincipal().getName())
                .orElseThrow(() -> new ProblemException(new Problem(
                        "urn:leakwatch:problem:replay-running",
                        "Conflict",
                        409,
                        "A replay is running already; read its status and try again when it has finished",
                        null)));
        return Response.accepted(new Started(id, ProjectionReplay.REPLAYING))
                .location(uri.getAbsolutePathBuilder().path(id).build())
                .build();
    }

    @GET
    @Path("/{id}")
    public ProjectionReplay.Report status(@PathParam("id") String id) {
        return replay.find(id).orElseThrow(() -> ProblemException.notFound("No replay " + id));
    }
}
