package io.leakwatch.matching.synthetic;

import io.leakwatch.matching.synthetic.SyntheticRegistry.Member;
import io.leakwatch.matching.synthetic.SyntheticRegistry.Version;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A leaked sample made from a {@link SyntheticRegistry} as of a date, deterministic from its seed: genuine rows (the
 * version valid that day), genuine rows with a typo in the name, made-up people on real NIKs, outsiders (valid NIKs
 * the registry does not hold), invalid NIKs, repeats and canaries, under the canonical header or the 2021 dump's.
 */
public final class SyntheticSample {

    /** The canonical sample header (DESIGN.md). */
    public static final List<String> CANONICAL =
            List.of("nik", "card_no", "full_name", "birth_date", "sex", "phone", "regency_code", "updated_at");
    /** The 2021 dump's columns. */
    public static final List<String> DUMP_2021 =
            List.of("PSNOKA", "NAMA", "NIK", "TGLLHR", "NOHP", "EMAIL", "NPWP", "KDKANTOR", "TSUPDATE");
    /** How the dump's columns map to canonical ones ({@code ?mapping=}); the others are unmapped. */
    public static final Map<String, String> DUMP_2021_MAPPING = Map.of(
            "nik", "NIK",
            "card_no", "PSNOKA",
            "full_name", "NAMA",
            "birth_date", "TGLLHR",
            "phone", "NOHP",
            "updated_at", "TSUPDATE");

    /** How many rows of each kind. */
    public record Composition(
            int genuine,
            int typos,
            int fabricated,
            int outsiders,
            int invalid,
            int repeats,
            int canaries,
            String canarySet,
            boolean dump2021) {}

    /** A row as written, canonical column to text (mapped columns only; the dump's others are in {@code extra}). */
    public record Row(Map<String, String> canonical, Map<String, String> extra) {}

    private final List<String> header;
    private final List<Row> rows;
    private final LocalDate asOf;

    private SyntheticSample(List<String> header, List<Row> rows, LocalDate asOf) {
        this.header = header;
        this.rows = rows;
        this.asOf = asOf;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The canonical columns the sample maps. */
    public List<String> mappedColumns() {
        return header == DUMP_2021
                ? List.of("nik", "card_no", "full_name", "birth_date", "phone", "updated_at")
                : CANONICAL;
    }

    public static SyntheticSample generate(long seed, SyntheticRegistry registry, LocalDate asOf, Composition c) {
        Random random = new Random(seed);
        List<Member> real = new ArrayList<>();
        List<Member> canaries = new ArrayList<>();
        for (Member m : registry.members()) {
            if (m.canary()) {
                if (m.latest().canarySet().equals(c.canarySet())) {
                    canaries.add(m);
                }
            } else if (m.validOn(asOf) != null) {
                real.add(m);
            }
        }
        Collections.shuffle(real, random);
        int next = 0;
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < c.genuine(); i++) {
            rows.add(fields(real.get(next++).validOn(asOf), asOf, random));
        }
        for (int i = 0; i < c.typos(); i++) {
            Map<String, String> row = fields(real.get(next++).validOn(asOf), asOf, random);
            row.put("full_name", typo(row.get("full_name"), random));
            rows.add(row);
        }
        for (int i = 0; i < c.fabricated(); i++) {
            Version v = real.get(next++).validOn(asOf);
            boolean female = random.nextBoolean();
            LocalDate birth = LocalDate.of(1950 + random.nextInt(60), 1, 1).plusDays(random.nextInt(365));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("nik", v.nik());
            row.put("card_no", String.format("%013d", Math.floorMod(random.nextLong(), 10_000_000_000_000L)));
            row.put("full_name", SyntheticRegistry.name(random, female));
            row.put("birth_date", birth.toString());
            row.put("sex", female ? "P" : "L");
            row.put("phone", SyntheticRegistry.phone(random));
            row.put(
                    "regency_code",
                    SyntheticRegistry.PROVINCES[random.nextInt(SyntheticRegistry.PROVINCES.length)]
                            + String.format("%02d", 1 + random.nextInt(20)));
            row.put("updated_at", asOf.minusDays(random.nextInt(30)).toString());
            rows.add(row);
        }
        Set<String> outsiderNiks = new HashSet<>();
        for (int i = 0; i < c.outsiders(); i++) {
            boolean female = random.nextBoolean();
            LocalDate birth = LocalDate.of(1950 + random.nextInt(60), 1, 1).plusDays(random.nextInt(365));
            String nik;
            do {
                nik = SyntheticRegistry.nik(random, birth, female);
            } while (registry.holds(nik) || !outsiderNiks.add(nik));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("nik", nik);
            row.put("full_name", SyntheticRegistry.name(random, female));
            row.put("birth_date", birth.toString());
            row.put("sex", female ? "F" : "M");
            row.put("phone", SyntheticRegistry.phone(random));
            row.put("updated_at", asOf.minusDays(random.nextInt(30)).toString());
            rows.add(row);
        }
        String[] invalid = {
            "317101010190000",
            "2071010101900001",
            "3171013201900001",
            "317101010190000A",
            "3171010101900000",
            "3.17101E+15"
        };
        for (int i = 0; i < c.invalid(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("nik", invalid[i % invalid.length]);
            row.put("full_name", SyntheticRegistry.name(random, random.nextBoolean()));
            rows.add(row);
        }
        for (int i = 0; i < c.canaries() && i < canaries.size(); i++) {
            rows.add(fields(canaries.get(i).latest(), asOf, random));
        }
        List<Map<String, String>> distinct = rows.stream()
                .filter(r -> r.get("full_name") != null && r.get("birth_date") != null)
                .toList();
        for (int i = 0; i < c.repeats() && !distinct.isEmpty(); i++) {
            rows.add(new LinkedHashMap<>(distinct.get(random.nextInt(distinct.size()))));
        }
        Collections.shuffle(rows, random);
        List<Row> written = new ArrayList<>();
        for (Map<String, String> row : rows) {
            written.add(c.dump2021() ? dump(row, random) : canonical(row));
        }
        return new SyntheticSample(c.dump2021() ? DUMP_2021 : CANONICAL, written, asOf);
    }

    private static Map<String, String> fields(Version v, LocalDate asOf, Random random) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("nik", v.nik());
        row.put("card_no", v.cardNo());
        row.put("full_name", random.nextBoolean() ? v.fullName().toUpperCase() : v.fullName());
        row.put(
                "birth_date",
                random.nextBoolean()
                        ? v.birthDate().toString()
                        : v.birthDate().format(DateTimeFormatter.ofPattern("dd-MM-yyyy")));
        row.put("sex", v.sex().equals("F") ? "P" : "L");
        row.put("phone", random.nextBoolean() ? v.phone() : "+62 " + v.phone().substring(1));
        row.put("regency_code", v.regencyCode());
        row.put("updated_at", asOf.minusDays(random.nextInt(30)).toString());
        return row;
    }

    /** One letter replaced: most names keep a Dice coefficient above 0.8, short ones may not. */
    static String typo(String name, Random random) {
        char[] letters = name.toCharArray();
        int at;
        do {
            at = 1 + random.nextInt(letters.length - 1);
        } while (letters[at] == ' ');
        letters[at] = letters[at] == 'a' ? 'e' : 'a';
        return new String(letters);
    }

    private static Row canonical(Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        CANONICAL.forEach(column -> out.put(column, row.getOrDefault(column, "")));
        return new Row(out, Map.of());
    }

    /** The dump's form: no sex or regency; timestamps; an e-mail and NPWP column nobody maps. */
    private static Row dump(Map<String, String> row, Random random) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String column : List.of("nik", "card_no", "full_name", "birth_date", "phone")) {
            out.put(column, row.getOrDefault(column, ""));
        }
        String updated = row.get("updated_at");
        out.put("updated_at", updated == null ? "" : updated + " 10:15:00");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("EMAIL", "user" + random.nextInt(100000) + "@mail.example");
        extra.put("NPWP", String.format("%015d", Math.floorMod(random.nextLong(), 1_000_000_000_000_000L)));
        extra.put("KDKANTOR", String.format("%04d", random.nextInt(10000)));
        return new Row(out, extra);
    }

    /** The sample as the seller would post it, header first. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : header) {
                String canonical = header == DUMP_2021 ? canonicalOf(column) : column;
                String value = canonical != null
                        ? row.canonical().getOrDefault(canonical, "")
                        : row.extra().getOrDefault(column, "");
                cells.add(value.contains(",") ? '"' + value + '"' : value);
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static String canonicalOf(String dumpColumn) {
        return DUMP_2021_MAPPING.entrySet().stream()
                .filter(e -> e.getValue().equals(dumpColumn))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
