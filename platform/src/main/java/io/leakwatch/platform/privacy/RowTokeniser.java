package io.leakwatch.platform.privacy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one row, canonical column name to raw cell text, into a {@link TokenisedRow}: the NIK validated and tokenised,
 * every compared field normalised and tokenised, the name also Bloom-encoded, {@code updated_at} read as a date.
 *
 * <p>Note: one class for both sides. A leaked sample after its column mapping and the registry export use the same
 * canonical names ({@code nik, card_no, full_name, ...}), so intake and matching tokenise through this same code and
 * cannot drift apart. Keys that are not canonical fields (the registry's {@code status}, a sample's unmapped columns)
 * are ignored: they are never tokenised, and what they hold is the caller's to handle or drop.
 */
public final class RowTokeniser {

    private static final CanonicalField[] FIELDS = CanonicalField.values();

    private final Tokeniser tokeniser;
    private final NameBloomEncoder names;

    /** With names encoded at the default m and k. */
    public RowTokeniser(Tokeniser tokeniser) {
        this(tokeniser, new NameBloomEncoder(tokeniser));
    }

    public RowTokeniser(Tokeniser tokeniser, NameBloomEncoder names) {
        this.tokeniser = Objects.requireNonNull(tokeniser, "tokeniser");
        this.names = Objects.requireNonNull(names, "names");
    }

    /**
     * @param row canonical column name ({@link CanonicalField#column()}) to the cell's text; a missing key, {@code null}
     *     and blank all mean the field is absent
     */
    public TokenisedRow tokenise(Map<String, String> row) {
        String[] cellsByField = new String[FIELDS.length];
        for (CanonicalField field : FIELDS) {
            cellsByField[field.ordinal()] = row.get(field.column());
        }
        return tokenise(cellsByField);
    }

    /**
     * The same for a row held as an array, which a caller reading many rows fills without a map per row.
     *
     * @param cellsByField each canonical field's cell at the field's {@link CanonicalField#ordinal()}; {@code null} and
     *     blank mean the field is absent
     */
    public TokenisedRow tokenise(String[] cellsByField) {
        if (cellsByField.length != FIELDS.length) {
            throw new IllegalArgumentException("a row has one cell per canonical field, by ordinal");
        }
        NikValidation nik = NikValidator.validate(cellsByField[CanonicalField.NIK.ordinal()]);
        Map<CanonicalField, Token> tokens = new EnumMap<>(CanonicalField.class);
        BloomFilter nameBloom = null;
        for (CanonicalField field : CanonicalField.COMPARED) {
            Optional<String> value = FieldNormaliser.normalise(field, cellsByField[field.ordinal()]);
            if (value.isPresent()) {
                tokens.put(field, tokeniser.token(field, value.get()));
                if (field == CanonicalField.FULL_NAME) { // normalised once for its token and its filter
                    nameBloom = names.encode(value.get());
                }
            }
        }
        LocalDate updatedAt = FieldNormaliser.date(cellsByField[CanonicalField.UPDATED_AT.ordinal()])
                .orElse(null);
        return new TokenisedRow(
                nik.reason(), nik.validNik().map(tokeniser::nikToken).orElse(null), tokens, nameBloom, updatedAt);
    }
}
