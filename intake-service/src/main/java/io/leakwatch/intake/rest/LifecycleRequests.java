package io.leakwatch.intake.rest;

import io.leakwatch.platform.rest.NotBefore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The bodies of the incident's lifecycle requests. Vocabularies are checked by the Incident itself. */
final class LifecycleRequests {

    private LifecycleRequests() {}

    /** An analyst's assessment: severity LOW..CRITICAL, marking TLP:CLEAR..TLP:RED, an owner. */
    record Triage(
            @NotBlank @Size(max = 20) String severity,
            @NotBlank @Size(max = 20) String marking,
            @NotBlank @Size(max = 200) String owner) {}

    /** When the organisation became aware; the jurisdictions default to the report's. */
    record Awareness(
            @NotNull @PastOrPresent @NotBefore(ReportIncidentRequest.EARLIEST)
            Instant awareAt,

            @Size(max = 20) List<@NotBlank @Size(max = 10) String> jurisdictions) {}

    /** The same claim seen again, elsewhere or later. */
    record Sighting(
            @NotNull @Valid ReportIncidentRequest.Source source,

            @NotNull @PastOrPresent @NotBefore(ReportIncidentRequest.EARLIEST)
            Instant seenAt) {}

    /** A link where the data is offered, a seller's handle or a file's SHA-256. */
    record Observable(
            @NotBlank @Size(max = 20) String kind,
            @NotBlank @Size(max = 2000) String value) {}

    /** Where a link's takedown stands: REQUESTED, DONE or FAILED. */
    record Takedown(@NotBlank @Size(max = 20) String state) {}

    /** A notice to a jurisdiction's AUTHORITY or its DATA_SUBJECTS. */
    record Notification(
            @NotBlank @Size(max = 10) String jurisdiction,
            @NotBlank @Size(max = 20) String recipient,

            @NotNull @PastOrPresent @NotBefore(ReportIncidentRequest.EARLIEST)
            Instant notifiedAt) {}

    /** How the incident ends when handled. */
    record Closure(@Size(max = 2000) String note) {}

    /** Why the incident is dropped. */
    record Dismissal(@NotBlank @Size(max = 2000) String reason) {}
}
