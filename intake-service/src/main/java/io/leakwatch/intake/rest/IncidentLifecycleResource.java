package io.leakwatch.intake.rest;

import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.intake.domain.AddObservable;
import io.leakwatch.intake.domain.ChangeTakedownState;
import io.leakwatch.intake.domain.CloseIncident;
import io.leakwatch.intake.domain.DismissIncident;
import io.leakwatch.intake.domain.RecordAwareness;
import io.leakwatch.intake.domain.RecordNotification;
import io.leakwatch.intake.domain.RecordSighting;
import io.leakwatch.intake.domain.TriageIncident;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What analysts learn and decide about an incident after its report. Each request is one command on the Incident; an
 * impossible transition is a 409 and records nothing; {@code If-Match} with an older ETag is a 412. Every answer is the
 * incident as it now stands, with its new ETag.
 */
@Path("/api/v1/incidents/{incidentId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
@Blocking
public class IncidentLifecycleResource {

    private final IncidentCommands commands;
    private final IncidentReader reader;
    private final Clock clock = Clock.systemUTC();

    IncidentLifecycleResource(IncidentCommands commands, IncidentReader reader) {
        this.commands = commands;
        this.reader = reader;
    }

    @POST
    @Path("/triage")
    public Response triage(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Triage body) {
        return apply(
                incidentId,
                ifMatch,
                new TriageIncident(incidentId, body.severity(), body.marking(), body.owner(), now()));
    }

    @POST
    @Path("/awareness")
    public Response awareness(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Awareness body) {
        List<String> jurisdictions = body.jurisdictions() == null ? List.of() : body.jurisdictions();
        return apply(incidentId, ifMatch, new RecordAwareness(incidentId, body.awareAt(), jurisdictions));
    }

    @POST
    @Path("/sightings")
    @RolesAllowed({Roles.ANALYST, Roles.REPORTER})
    public Response sighting(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Sighting body) {
        ReportIncidentRequest.Source source = body.source();
        return apply(
                incidentId,
                ifMatch,
                new RecordSighting(
                        incidentId,
                        new ReportSource(source.kind().name(), source.url(), source.actor()),
                        body.seenAt(),
                        now()));
    }

    @POST
    @Path("/observables")
    public Response observable(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Observable body,
            UriInfo uri) {
        String observableId = UUID.randomUUID().toString();
        commands.send(new AddObservable(incidentId, observableId, body.kind(), body.value(), now()), ifMatch);
        IncidentView view = reader.read(incidentId);
        return Response.created(uri.getAbsolutePathBuilder().path(observableId).build())
                .tag(String.valueOf(view.version()))
                .entity(view)
                .build();
    }

    @PUT
    @Path("/observables/{observableId}/takedown")
    public Response takedown(
            @PathParam("incidentId") String incidentId,
            @PathParam("observableId") String observableId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Takedown body) {
        return apply(incidentId, ifMatch, new ChangeTakedownState(incidentId, observableId, body.state(), now()));
    }

    @POST
    @Path("/notifications")
    public Response notification(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Notification body) {
        return apply(
                incidentId,
                ifMatch,
                new RecordNotification(incidentId, body.jurisdiction(), body.recipient(), body.notifiedAt(), now()));
    }

    @POST
    @Path("/closure")
    public Response close(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Closure body) {
        return apply(incidentId, ifMatch, new CloseIncident(incidentId, body.note(), now()));
    }

    @POST
    @Path("/dismissal")
    public Response dismiss(
            @PathParam("incidentId") String incidentId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid LifecycleRequests.Dismissal body) {
        return apply(incidentId, ifMatch, new DismissIncident(incidentId, body.reason(), now()));
    }

    private Response apply(String incidentId, String ifMatch, Object command) {
        commands.send(command, ifMatch);
        IncidentView view = reader.read(incidentId);
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
