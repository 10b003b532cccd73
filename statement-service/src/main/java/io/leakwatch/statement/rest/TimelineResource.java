package io.leakwatch.statement.rest;

import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.statement.audit.AuditTrail;
import io.leakwatch.statement.audit.Timeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Every event of an incident from every service, in words, newest first; read from its audit trail. */
@Path("/api/v1/incidents/{incidentId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
@Blocking
public class TimelineResource {

    private final AuditTrail trail;

    TimelineResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public List<Timeline.Item> timeline(@PathParam("incidentId") String incidentId) {
        List<AuditTrail.Entry> entries = trail.entries(incidentId);
        if (entries.isEmpty()) {
            throw ProblemException.notFound("No events for incident " + incidentId);
        }
        return Timeline.of(entries);
    }
}
