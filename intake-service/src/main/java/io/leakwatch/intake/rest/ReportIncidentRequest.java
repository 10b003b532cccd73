package io.leakwatch.intake.rest;

import io.leakwatch.platform.rest.NotBefore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/v1/incidents}.
 *
 * @param price what the seller asks, if posted
 * @param marking the Traffic Light Protocol marking of the report (TLP:CLEAR ... TLP:RED), if any
 * @param sampleSha256 the SHA-256 of a sample file the seller gave away, if the reporter has one: a report whose
 *     digest an open incident already knows is a sighting of that incident
 */
public record ReportIncidentRequest(
        @NotBlank @Size(max = 500) String title,
        @NotNull @Valid Source source,
        @NotNull @PositiveOrZero @Max(MAX_CLAIMED_RECORDS) Long claimedRecordCount,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> dataCategories,
        @NotNull @PastOrPresent @NotBefore(EARLIEST) Instant discoveredAt,
        @Size(max = 20) List<@NotBlank @Size(max = 10) String> jurisdictions,

        @Pattern(regexp = "^[0-9a-fA-F]{64}$", message = "must be a SHA-256 in hex")
        String sampleSha256,

        @Valid Price price,
        @Size(max = 20) String marking) {

    /** What the seller asks: an amount of at least zero and a currency code (USD, IDR, BTC, ...). */
    public record Price(
            @NotNull @DecimalMin("0") @Digits(integer = 18, fraction = 8)
            java.math.BigDecimal amount,

            @NotBlank @Pattern(regexp = "^[A-Za-z]{3,5}$", message = "must be a currency code such as USD or BTC")
            String currency) {}

    /**
     * Dates before this are refused as typos: no leak Leakwatch handles was seen, noticed or notified before it.
     */
    public static final String EARLIEST = "2000-01-01";

    /** More records than people on Earth (ten billion) is not a claim about any registry; a larger number is a typo. */
    public static final long MAX_CLAIMED_RECORDS = 10_000_000_000L;

    /** Where the claim was seen. */
    public record Source(
            @NotNull SourceKind kind,
            @Size(max = 2000) String url,
            @Size(max = 200) String actor) {}
}
