package io.leakwatch.platform.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

/**
 * Every request to a resource with an {@code {incidentId}} path parameter ({@code /api/v1/incidents/{incidentId}/...},
 * the audit trail, the public page) logs with that id in the MDC. Runs after matching, so the parameter is known.
 */
@Provider
public class IncidentIdRequestFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String PARAMETER = "incidentId";

    @Override
    public void filter(ContainerRequestContext request) {
        String incidentId = request.getUriInfo().getPathParameters().getFirst(PARAMETER);
        if (incidentId != null && !incidentId.isBlank()) {
            MDC.put(IncidentMdc.KEY, incidentId);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MDC.remove(IncidentMdc.KEY);
    }
}
