package io.leakwatch.matching.rest;

import io.leakwatch.matching.repository.DataShareEntity;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The catalogue of the places the registry's data goes (DESIGN.md "Data shares"): each share's columns are compared
 * with a sample's header, and its canary set names the share a canary hit points at.
 */
@Path("/api/v1/data-shares")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
public class DataShareResource {

    private final Clock clock = Clock.systemUTC();

    @GET
    @WithSession
    public Uni<List<DataShare>> list() {
        return DataShareEntity.<DataShareEntity>listAll(io.quarkus.panache.common.Sort.by("name"))
                .map(all -> all.stream().map(DataShare::of).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<DataShare> get(@PathParam("id") String id) {
        return find(id).map(DataShare::of);
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid @NotNull ShareRequest request) {
        return conflicts(null, request).flatMap(ignored -> {
            DataShareEntity share = new DataShareEntity();
            share.id = UUID.randomUUID();
            share.createdAt = Instant.now(clock);
            request.applyTo(share, share.createdAt);
            return share.<DataShareEntity>persist()
                    .map(saved -> Response.created(URI.create("/api/v1/data-shares/" + saved.id))
                            .entity(DataShare.of(saved))
                            .build());
        });
    }

    @PUT
    @Path("/{id}")
    @WithTransaction
    public Uni<DataShare> update(@PathParam("id") String id, @Valid @NotNull ShareRequest request) {
        return find(id).flatMap(share -> conflicts(share.id, request).map(ignored -> {
            request.applyTo(share, Instant.now(clock));
            return DataShare.of(share);
        }));
    }

    private static Uni<DataShareEntity> find(String id) {
        UUID shareId;
        try {
            shareId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("No data share " + id));
        }
        return DataShareEntity.<DataShareEntity>findById(shareId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No data share " + id));
    }

    /** Names and canary sets are unique: a canary hit must point at one share. */
    private static Uni<Void> conflicts(UUID self, ShareRequest request) {
        return DataShareEntity.<DataShareEntity>find(
                        "(name = ?1 or (canarySet is not null and canarySet = ?2))",
                        request.name(),
                        request.canarySet())
                .list()
                .map(found -> {
                    if (found.stream().anyMatch(s -> !s.id.equals(self))) {
                        throw ProblemException.conflict("Another data share has this name or canary set.");
                    }
                    return null;
                });
    }

    /** A share as sent by a client. */
    public record ShareRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @NotBlank @Size(max = 200) String recipient,
            @NotEmpty List<@NotBlank @Size(max = 200) String> columns,
            @Size(max = 100) String canarySet) {

        void applyTo(DataShareEntity share, Instant now) {
            share.name = name.strip();
            share.description = description;
            share.recipient = recipient.strip();
            share.columns(columns.stream().map(String::strip).toList());
            share.canarySet = canarySet == null || canarySet.isBlank() ? null : canarySet.strip();
            share.updatedAt = now;
        }
    }

    /** A share as answered. */
    public record DataShare(
            UUID id,
            String name,
            String description,
            String recipient,
            List<String> columns,
            String canarySet,
            Instant createdAt,
            Instant updatedAt) {

        static DataShare of(DataShareEntity e) {
            return new DataShare(
                    e.id, e.name, e.description, e.recipient, e.columns(), e.canarySet, e.createdAt, e.updatedAt);
        }
    }
}
