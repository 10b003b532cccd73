package io.leakwatch.matching.rest;

import io.leakwatch.matching.repository.RegistryStatsQuery;
import io.leakwatch.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The participant registry the samples are verified against. */
@Path("/api/v1/registry")
@Produces(MediaType.APPLICATION_JSON)
public class RegistryResource {

    private final RegistryStatsQuery query;

    RegistryResource(RegistryStatsQuery query) {
        this.query = query;
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.AUDITOR})
    @Path("/stats")
    public Uni<RegistryStats> stats() {
        return query.stats();
    }
}
