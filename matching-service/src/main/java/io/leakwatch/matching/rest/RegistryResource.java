package io.leakwatch.matching.rest;

import io.leakwatch.matching.repository.ImportRejectionEntity;
import io.leakwatch.matching.repository.RegistryImportEntity;
import io.leakwatch.matching.repository.RegistryStatsQuery;
import io.leakwatch.matching.service.RegistryImporter;
import io.leakwatch.platform.rest.ProblemException;
import io.leakwatch.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The participant registry the samples are verified against. */
@Path("/api/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    /** How many rejected lines a progress answer lists (all are counted). */
    private static final int REJECTIONS_SHOWN = 1000;

    private final RegistryStatsQuery query;
    private final RegistryImporter importer;

    RegistryResource(RegistryStatsQuery query, RegistryImporter importer) {
        this.query = query;
        this.importer = importer;
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
    @Path("/stats")
    public Uni<RegistryStats> stats() {
        return query.stats();
    }

    /**
     * Streams a registry export into a new registry generation. Note: the body is read (and tokenised) while it
     * arrives, on a worker thread, so the answer comes once the body is in; the switch to the new generation follows in
     * the background, and the import's status says when it is done.
     */
    @POST
    @Path("/imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ANALYST)
    @Blocking
    public Response importRegistry(InputStream body) {
        UUID id = importer.importRegistry(body);
        return Response.accepted(new ImportAccepted(id, "RUNNING"))
                .location(URI.create("/api/v1/registry/imports/" + id))
                .build();
    }

    @GET
    @Path("/imports")
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
    @WithSession
    public Uni<List<ImportProgress>> imports() {
        return RegistryImportEntity.latest(50)
                .map(list ->
                        list.stream().map(i -> ImportProgress.of(i, List.of())).toList());
    }

    @GET
    @Path("/imports/{id}")
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
    @WithSession
    public Uni<ImportProgress> progress(@PathParam("id") String id) {
        UUID importId = parse(id);
        return RegistryImportEntity.<RegistryImportEntity>findById(importId)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("No registry import " + importId))
                .flatMap(found -> ImportRejectionEntity.of(importId, REJECTIONS_SHOWN)
                        .map(rejections -> ImportProgress.of(found, rejections)));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No registry import " + id);
        }
    }

    /** The answer to an accepted import. */
    public record ImportAccepted(UUID importId, String status) {}

    /** A rejected line: its number in the file and the reason; never the value. */
    public record Rejection(long line, String reason) {}

    /** An import's progress. */
    public record ImportProgress(
            UUID importId,
            String status,
            long rowsRead,
            long rowsRejected,
            List<Rejection> rejections,
            String failure,
            Instant startedAt,
            Instant finishedAt) {

        static ImportProgress of(RegistryImportEntity entity, List<ImportRejectionEntity> rejections) {
            return new ImportProgress(
                    entity.id,
                    entity.status,
                    entity.rowsRead,
                    entity.rowsRejected,
                    rejections.stream()
                            .map(r -> new Rejection(r.line, r.reason))
                            .toList(),
                    entity.failure,
                    entity.startedAt,
                    entity.finishedAt);
        }
    }
}
