package io.leakwatch.contracts.sample;

import java.time.LocalDate;
import java.util.Map;

/**
 * One row of a leaked sample whose NIK is valid, as tokens: nothing here is plaintext.
 *
 * @param line the row's line number in the uploaded file (for a person tracing a finding back to the file)
 * @param nikToken the NIK's keyed token (base64url)
 * @param fieldTokens canonical column ({@code card_no}, {@code full_name}, {@code birth_date}, {@code sex},
 *     {@code phone}, {@code regency_code}) to its keyed token (base64url), for the fields the row supplies
 * @param nameBloom the name's keyed bigram Bloom filter (base64url), or null when the row has no name
 * @param updatedAt the row's {@code updated_at} date, or null (not personal data: it dates the extraction)
 */
public record SampleRow(
        long line, String nikToken, Map<String, String> fieldTokens, String nameBloom, LocalDate updatedAt) {

    public SampleRow {
        fieldTokens = fieldTokens == null ? Map.of() : Map.copyOf(fieldTokens);
    }
}
