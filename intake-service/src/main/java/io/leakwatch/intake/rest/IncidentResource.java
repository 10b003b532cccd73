package io.leakwatch.intake.rest;

import io.leakwatch.contracts.incident.ReportSource;
import io.leakwatch.intake.domain.ReportIncident;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Leak reports. Commands and the event store are JDBC: every method here runs on a worker thread. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class IncidentResource {

    private final CommandGateway commands;
    private final EventStore events;
    private final Clock clock;

    IncidentResource(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    @POST
    @RolesAllowed(Roles.REPORTER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response report(@NotNull @Valid ReportIncidentRequest request, UriInfo uri) {
        String incidentId = UUID.randomUUID().toString();
        ReportIncidentRequest.Source source = request.source();
        commands.sendAndWait(new ReportIncident(
                incidentId,
                request.title().strip(),
                new ReportSource(source.kind().name(), source.url(), source.actor()),
                request.claimedRecordCount(),
                request.dataCategories(),
                request.discoveredAt(),
                request.jurisdictions(),
                Instant.now(clock)));
        return Response.created(uri.getAbsolutePathBuilder().path(incidentId).build())
                .entity(read(incidentId))
                .build();
    }

    @GET
    @RolesAllowed({Roles.REPORTER, Roles.ANALYST, Roles.AUDITOR})
    @Path("/{incidentId}")
    public IncidentView read(@PathParam("incidentId") String incidentId) {
        IncidentHistory history = new IncidentHistory();
        DomainEventStream stream = events.readEvents(incidentId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.apply(event.getPayload(), event.getSequenceNumber());
        }
        return history.view().orElseThrow(() -> ProblemException.notFound("No incident " + incidentId));
    }
}
