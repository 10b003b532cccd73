package io.leakwatch.platform.privacy;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a sample (or of the registry export) after {@link RowTokeniser}: what may be stored and sent. It holds
 * no plaintext personal data, only tokens, the NIK's validity and {@code updated_at}, which is not personal data.
 *
 * @param nikInvalidReason why the NIK is invalid; {@code null} when it is valid
 * @param nikToken the NIK's token; {@code null} when the NIK is invalid
 * @param fieldTokens a token for every field of {@link CanonicalField#COMPARED} that the row supplies in a readable
 *     form; a field that is absent, blank or unreadable (an impossible date) has no entry
 * @param nameBloom the Bloom filter of {@code full_name}; {@code null} without a name
 * @param updatedAt {@code updated_at} as a date; {@code null} when not mapped or not a date
 */
public record TokenisedRow(
        NikValidation.Reason nikInvalidReason,
        Token nikToken,
        Map<CanonicalField, Token> fieldTokens,
        BloomFilter nameBloom,
        LocalDate updatedAt) {

    public TokenisedRow {
        if ((nikInvalidReason == null) == (nikToken == null)) {
            throw new IllegalArgumentException("a row has either a NIK token or the reason its NIK is invalid");
        }
        if (!CanonicalField.COMPARED.containsAll(fieldTokens.keySet())) {
            throw new IllegalArgumentException("field tokens are for " + CanonicalField.COMPARED + " only");
        }
        fieldTokens = fieldTokens.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(fieldTokens));
    }

    public boolean nikValid() {
        return nikToken != null;
    }

    public Optional<Token> token(CanonicalField field) {
        return Optional.ofNullable(fieldTokens.get(field));
    }

    /** The name's filter in its storage form, {@link BloomFilter#toBytes()}. */
    public Optional<byte[]> nameBloomBytes() {
        return Optional.ofNullable(nameBloom).map(BloomFilter::toBytes);
    }

    /** Which fields are present, never their tokens: a row may be logged. */
    @Override
    public String toString() {
        return "TokenisedRow[nik=" + (nikValid() ? "valid" : "invalid " + nikInvalidReason)
                + ", fields="
                + fieldTokens.keySet().stream().map(CanonicalField::column).toList()
                + ", nameBloom=" + (nameBloom != null)
                + ", updatedAt=" + updatedAt + "]";
    }
}
