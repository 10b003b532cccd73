package io.leakwatch.intake.sample;

import io.leakwatch.platform.privacy.CanonicalField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/**
 * Which column of a sample's header feeds which canonical field (DESIGN.md "Data formats"): a header name equal to a
 * canonical name maps itself, others come from {@code ?mapping=canonical:source,...}. Names are compared trimmed and
 * regardless of case, so a dump's {@code NIK} column is the {@code nik} field without a mapping.
 *
 * @param headerNames the header's names as written (a leading byte-order mark removed)
 * @param fieldByIndex the canonical field of each column, or {@code null} for an unmapped column
 */
record ColumnMapping(List<String> headerNames, List<CanonicalField> fieldByIndex) {

    /**
     * @param requested the {@code mapping} query parameter, or null
     * @throws SampleRefused when the mapping is malformed, names a column the header lacks, or no column gives the NIK
     */
    static ColumnMapping of(List<String> headerNames, String requested) {
        Map<CanonicalField, String> explicit = parse(requested);
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < headerNames.size(); i++) {
            String name = key(headerNames.get(i));
            if (name.isEmpty()) {
                continue;
            }
            if (indexByName.putIfAbsent(name, i) != null) {
                throw SampleRefused.badRequest(
                        1,
                        "Line 1 names the column '" + headerNames.get(i) + "' twice; every column needs its own name.");
            }
        }
        CanonicalField[] fields = new CanonicalField[headerNames.size()];
        explicit.forEach((field, source) -> {
            Integer index = indexByName.get(key(source));
            if (index == null) {
                throw SampleRefused.badRequest(
                        1,
                        "The mapping takes " + field.column() + " from '" + source + "', which the header on line 1"
                                + " does not have.");
            }
            if (fields[index] != null) {
                throw SampleRefused.badRequest("The mapping takes two fields from the column '" + source + "'.");
            }
            fields[index] = field;
        });
        for (CanonicalField field : CanonicalField.values()) {
            Integer index = indexByName.get(field.column());
            if (!explicit.containsKey(field) && index != null && fields[index] == null) {
                fields[index] = field;
            }
        }
        ColumnMapping mapping = new ColumnMapping(List.copyOf(headerNames), Arrays.asList(fields));
        if (!mapping.mappedColumns().contains(CanonicalField.NIK.column())) {
            throw SampleRefused.badRequest(
                    1, "The header on line 1 has no NIK column: name it 'nik', or map it with ?mapping=nik:<column>.");
        }
        return mapping;
    }

    /** The canonical columns the sample supplies, in canonical order. */
    List<String> mappedColumns() {
        return Arrays.stream(CanonicalField.values())
                .filter(fieldByIndex::contains)
                .map(CanonicalField::column)
                .toList();
    }

    /** The header names that feed no canonical field, in header order; their values are never read. */
    List<String> unmappedColumns() {
        List<String> unmapped = new ArrayList<>();
        for (int i = 0; i < headerNames.size(); i++) {
            if (fieldByIndex.get(i) == null) {
                unmapped.add(headerNames.get(i));
            }
        }
        return unmapped;
    }

    /**
     * Each canonical field's cell at the field's ordinal ({@code null} for a field the sample does not supply), for a
     * row that has as many cells as the header.
     */
    String[] cellsByField(CSVRecord record) {
        String[] cells = new String[CanonicalField.values().length];
        for (int i = 0; i < fieldByIndex.size(); i++) {
            CanonicalField field = fieldByIndex.get(i);
            if (field != null) {
                cells[field.ordinal()] = record.get(i);
            }
        }
        return cells;
    }

    private static Map<CanonicalField, String> parse(String requested) {
        Map<CanonicalField, String> explicit = new EnumMap<>(CanonicalField.class);
        if (requested == null || requested.isBlank()) {
            return explicit;
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String pair : requested.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw SampleRefused.badRequest(
                        "The mapping must read canonical:source,... (for example nik:NIK,full_name:NAMA), not '" + pair
                                + "'.");
            }
            String canonical = key(pair.substring(0, colon));
            String source = pair.substring(colon + 1).strip();
            Optional<CanonicalField> field = CanonicalField.byColumn(canonical);
            if (field.isEmpty()) {
                throw SampleRefused.badRequest("The mapping names '" + canonical + "', which is not a canonical column;"
                        + " they are "
                        + Arrays.stream(CanonicalField.values())
                                .map(CanonicalField::column)
                                .toList() + ".");
            }
            if (seen.put(canonical, source) != null) {
                throw SampleRefused.badRequest("The mapping gives " + canonical + " twice.");
            }
            explicit.put(field.get(), source);
        }
        return explicit;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
