package io.leakwatch.matching.synthetic;

import io.leakwatch.contracts.verification.VerificationResult;
import io.leakwatch.contracts.verification.VerificationResult.CanaryHit;
import io.leakwatch.contracts.verification.VerificationResult.SchemaMatch;
import io.leakwatch.contracts.verification.VerificationResult.SnapshotWindow;
import io.leakwatch.matching.synthetic.SyntheticRegistry.Member;
import io.leakwatch.matching.synthetic.SyntheticRegistry.Version;
import io.leakwatch.platform.privacy.CanonicalField;
import io.leakwatch.platform.privacy.FieldNormaliser;
import io.leakwatch.platform.privacy.NameBloomEncoder;
import io.leakwatch.platform.privacy.NikValidation;
import io.leakwatch.platform.privacy.NikValidator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result DESIGN.md prescribes for a synthetic sample, worked out from the plaintext the generator knows, row by
 * row and day by day: a second, deliberately plain reading of the rules, with none of the service's tokens, index,
 * chunks, tallies or steps. Names are compared by the Dice coefficient of their Bloom encodings, which needs the key.
 */
public final class GroundTruth {

    /** A data share, for canary hits and schema matches. */
    public record Share(String name, List<String> columns, String canarySet) {}

    private static final List<String> COMPARED =
            List.of("card_no", "full_name", "birth_date", "sex", "phone", "regency_code");

    private GroundTruth() {}

    public static VerificationResult expected(
            SyntheticRegistry registry,
            SyntheticSample sample,
            List<Share> shares,
            long claimedRecordCount,
            NameBloomEncoder names) {
        Map<String, Member> byNik = new HashMap<>();
        registry.members().forEach(m -> byNik.put(m.nik(), m));
        long invalid = 0;
        long duplicates = 0;
        long matched = 0;
        long notFound = 0;
        long agreeing = 0;
        long deceased = 0;
        Map<String, long[]> fields = new TreeMap<>();
        Map<String, Long> canaries = new TreeMap<>();
        LocalDate latest = null;
        Set<String> seen = new HashSet<>();
        List<List<long[]>> allowed = new ArrayList<>();
        for (SyntheticSample.Row row : sample.rows()) {
            Map<String, String> cells = row.canonical();
            Optional<LocalDate> updated = FieldNormaliser.date(cells.get("updated_at"));
            if (updated.isPresent() && (latest == null || updated.get().isAfter(latest))) {
                latest = updated.get();
            }
            NikValidation nik = NikValidator.validate(cells.get("nik"));
            if (!nik.isValid()) {
                invalid++;
                continue;
            }
            String digits = nik.validNik().orElseThrow().digits();
            if (!seen.add(digits)) {
                duplicates++;
                continue;
            }
            Member member = byNik.get(digits);
            if (member == null) {
                notFound++;
                continue;
            }
            if (member.canary()) {
                canaries.merge(member.latest().canarySet(), 1L, Long::sum);
                continue;
            }
            matched++;
            if (member.latest().status().equals("DECEASED")) {
                deceased++;
            }
            List<long[]> rowAllowed = new ArrayList<>();
            Set<String> agreedSomewhere = new HashSet<>();
            List<Version> versions = member.versions();
            for (int i = 0; i < versions.size(); i++) {
                boolean all = true;
                for (String field : COMPARED) {
                    Optional<String> value = normalised(field, cells.get(field));
                    if (value.isEmpty()) {
                        continue;
                    }
                    boolean agrees = agrees(field, value.get(), versions.get(i), names);
                    if (agrees) {
                        agreedSomewhere.add(field);
                    }
                    all &= agrees;
                }
                if (all) {
                    Version v = versions.get(i);
                    LocalDate from = v.effectiveFrom().isAfter(v.registeredOn()) ? v.effectiveFrom() : v.registeredOn();
                    long to = i + 1 < versions.size()
                            ? versions.get(i + 1).effectiveFrom().toEpochDay() - 1
                            : Long.MAX_VALUE;
                    if (from.toEpochDay() <= to) {
                        rowAllowed.add(new long[] {from.toEpochDay(), to});
                    }
                }
            }
            for (String field : COMPARED) {
                if (sample.mappedColumns().contains(field)
                        || normalised(field, cells.get(field)).isPresent()) {
                    long[] counts = fields.computeIfAbsent(field, f -> new long[2]);
                    if (normalised(field, cells.get(field)).isPresent()) {
                        counts[0]++;
                        if (agreedSomewhere.contains(field)) {
                            counts[1]++;
                        }
                    }
                }
            }
            if (!rowAllowed.isEmpty()) {
                agreeing++;
                allowed.add(rowAllowed);
            }
        }
        for (String field : COMPARED) {
            if (sample.mappedColumns().contains(field)) {
                fields.computeIfAbsent(field, f -> new long[2]);
            }
        }
        TreeMap<String, Double> fieldAgreement = new TreeMap<>();
        fields.forEach(
                (field, counts) -> fieldAgreement.put(field, counts[0] == 0 ? null : (double) counts[1] / counts[0]));
        List<CanaryHit> hits = new ArrayList<>();
        canaries.forEach((set, rows) -> hits.add(new CanaryHit(
                set,
                shares.stream()
                        .filter(s -> set.equals(s.canarySet()))
                        .map(Share::name)
                        .findFirst()
                        .orElse(null),
                rows)));
        double[] match = wilson(matched, matched + notFound);
        double[] agreement = wilson(agreeing, matched);
        String verdict;
        if (!hits.isEmpty() || (match[1] >= 0.8 && agreement[1] >= 0.8)) {
            verdict = "CONFIRMED";
        } else if (matched + notFound < 30) {
            verdict = "INCONCLUSIVE";
        } else if (match[1] >= 0.5 && agreement[1] >= 0.5) {
            verdict = "LIKELY";
        } else if (match[1] >= 0.5 && agreement[2] < 0.5) {
            verdict = "FABRICATED";
        } else if (match[2] < 0.2) {
            verdict = "UNLIKELY";
        } else {
            verdict = "INCONCLUSIVE";
        }
        long members = registry.members().stream()
                .filter(m -> !m.canary() && !m.latest().status().equals("DECEASED"))
                .count();
        return new VerificationResult(
                sample.rows().size(),
                invalid,
                duplicates,
                matched,
                notFound,
                agreeing,
                fieldAgreement,
                latest,
                deceased,
                hits,
                schemaMatches(sample.header(), shares),
                match[0],
                match[1],
                match[2],
                agreement[0],
                agreement[1],
                agreement[2],
                window(allowed, agreeing),
                verdict,
                claimedRecordCount,
                members,
                claimedRecordCount > members);
    }

    private static Optional<String> normalised(String field, String raw) {
        return FieldNormaliser.normalise(CanonicalField.byColumn(field).orElseThrow(), raw);
    }

    private static boolean agrees(String field, String value, Version v, NameBloomEncoder names) {
        String registered = switch (field) {
            case "card_no" -> v.cardNo();
            case "full_name" -> v.fullName();
            case "birth_date" -> v.birthDate().toString();
            case "sex" -> v.sex();
            case "phone" -> v.phone();
            default -> v.regencyCode();
        };
        Optional<String> other = normalised(field, registered);
        if (other.isEmpty()) {
            return false;
        }
        if (other.get().equals(value)) {
            return true;
        }
        return field.equals("full_name") && names.encode(value).dice(names.encode(other.get())) >= 0.8;
    }

    /** Day by day: how many rows allow each day; the longest run of the highest count, the earliest on a tie. */
    static SnapshotWindow window(List<List<long[]>> rows, long agreeing) {
        if (rows.isEmpty()) {
            return null;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (List<long[]> row : rows) {
            for (long[] interval : row) {
                first = Math.min(first, interval[0]);
                last = Math.max(last, interval[0]);
                if (interval[1] != Long.MAX_VALUE) {
                    last = Math.max(last, interval[1]);
                }
            }
        }
        long horizon = last + 1; // every day from here on is allowed by the same rows: the open end
        int days = (int) (horizon - first + 1);
        int[] count = new int[days];
        for (List<long[]> row : rows) {
            boolean[] allowedDay = new boolean[days];
            for (long[] interval : row) {
                long to = Math.min(interval[1], horizon);
                for (long d = interval[0]; d <= to; d++) {
                    allowedDay[(int) (d - first)] = true;
                }
            }
            for (int d = 0; d < days; d++) {
                count[d] += allowedDay[d] ? 1 : 0;
            }
        }
        int best = 0;
        for (int c : count) {
            best = Math.max(best, c);
        }
        long bestFrom = 0;
        long bestLength = -1;
        long bestTo = 0;
        for (int d = 0; d < days; ) {
            if (count[d] != best) {
                d++;
                continue;
            }
            int end = d;
            while (end + 1 < days && count[end + 1] == best) {
                end++;
            }
            long length = end == days - 1 ? Long.MAX_VALUE : end - d + 1;
            if (length > bestLength) {
                bestLength = length;
                bestFrom = first + d;
                bestTo = end == days - 1 ? Long.MAX_VALUE : first + end;
            }
            d = end + 1;
        }
        return new SnapshotWindow(
                LocalDate.ofEpochDay(bestFrom),
                bestTo == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(bestTo),
                (double) best / agreeing);
    }

    static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {0, 0, 1};
        }
        double z = 1.959963984540054;
        double p = (double) k / n;
        double centre = (p + z * z / (2.0 * n)) / (1 + z * z / n);
        double half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {p, Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    static List<SchemaMatch> schemaMatches(List<String> header, List<Share> shares) {
        Set<String> sample = names(header);
        List<SchemaMatch> matches = new ArrayList<>();
        for (Share share : shares) {
            Set<String> columns = names(share.columns());
            Set<String> union = new HashSet<>(sample);
            union.addAll(columns);
            Set<String> common = new HashSet<>(sample);
            common.retainAll(columns);
            matches.add(new SchemaMatch(share.name(), union.isEmpty() ? 0.0 : (double) common.size() / union.size()));
        }
        matches.sort(
                Comparator.comparingDouble(SchemaMatch::similarity).reversed().thenComparing(SchemaMatch::share));
        return matches;
    }

    private static Set<String> names(List<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> {
            String s = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (!s.isEmpty()) {
                out.add(s);
            }
        });
        return out;
    }
}
