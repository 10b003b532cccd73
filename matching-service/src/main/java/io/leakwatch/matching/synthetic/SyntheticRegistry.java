package io.leakwatch.matching.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A made-up registry, deterministic from its seed: valid NIKs over the real province codes, Indonesian names, birth
 * dates that agree with the NIK, phones, card numbers, statuses with a share of deceased members, registration dates,
 * several versions for some members (a new phone, a move, a death), and canary sets. Plaintext, for tests and demos
 * only: it never reaches a table or a topic, only the import endpoint.
 */
public final class SyntheticRegistry {

    static final int[] PROVINCES = {
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74,
        75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97
    };
    static final String[] MALE = {
        "Agus",
        "Budi",
        "Dedi",
        "Eko",
        "Fajar",
        "Hendra",
        "Irfan",
        "Joko",
        "Kurniawan",
        "Muhammad",
        "Rizki",
        "Slamet",
        "Teguh",
        "Wahyu",
        "Yusuf",
        "Bambang",
        "Andi",
        "Dimas",
        "Gilang",
        "Hadi"
    };
    static final String[] FEMALE = {
        "Ayu",
        "Dewi",
        "Fitri",
        "Indah",
        "Kartika",
        "Lestari",
        "Maya",
        "Nur",
        "Putri",
        "Rina",
        "Sari",
        "Siti",
        "Wulan",
        "Yuliana",
        "Ratna",
        "Endang",
        "Nurhaliza",
        "Anisa",
        "Dian",
        "Mega"
    };
    static final String[] FAMILY = {
        "Saputra", "Wijaya", "Santoso", "Hidayat", "Kusuma", "Pratama", "Setiawan", "Nugroho", "Siregar", "Nasution",
        "Harahap", "Simanjuntak", "Lubis", "Sitompul", "Rahmawati", "Suryani", "Gunawan", "Purnomo", "Halim", "Tanjung",
        "Wibowo", "Susanto", "Firmansyah", "Maharani", "Permata"
    };

    /** One version of a member, as its export row says it. */
    public record Version(
            String nik,
            String cardNo,
            String fullName,
            LocalDate birthDate,
            String sex,
            String phone,
            String regencyCode,
            String status,
            LocalDate registeredOn,
            LocalDate deceasedOn,
            LocalDate validFrom,
            String canarySet) {

        /** valid_from, or registered_on when it is empty. */
        public LocalDate effectiveFrom() {
            return validFrom != null ? validFrom : registeredOn;
        }
    }

    /** A member (or canary) with its versions, oldest first. */
    public record Member(String nik, List<Version> versions) {

        public Version latest() {
            return versions.get(versions.size() - 1);
        }

        public boolean canary() {
            return latest().canarySet() != null;
        }

        /** The version valid on {@code day}, or null when none was (not yet registered). */
        public Version validOn(LocalDate day) {
            Version found = null;
            for (Version v : versions) {
                LocalDate from = v.effectiveFrom();
                if (from != null && !from.isAfter(day) && !v.registeredOn().isAfter(day)) {
                    found = v;
                }
            }
            return found;
        }
    }

    private final List<Member> members;
    private final Set<String> niks;

    private SyntheticRegistry(List<Member> members) {
        this.members = List.copyOf(members);
        this.niks = new HashSet<>();
        members.forEach(m -> niks.add(m.nik()));
    }

    public List<Member> members() {
        return members;
    }

    public boolean holds(String nik) {
        return niks.contains(nik);
    }

    /**
     * @param size real members
     * @param canarySets names of canary sets; each gets {@code canariesPerSet} seeded records
     */
    public static SyntheticRegistry generate(long seed, int size, List<String> canarySets, int canariesPerSet) {
        Random random = new Random(seed);
        Set<String> used = new HashSet<>();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(member(random, used, null));
        }
        for (String set : canarySets) {
            for (int i = 0; i < canariesPerSet; i++) {
                members.add(member(random, used, set));
            }
        }
        return new SyntheticRegistry(members);
    }

    private static Member member(Random random, Set<String> used, String canarySet) {
        boolean female = random.nextBoolean();
        LocalDate birth = LocalDate.of(1940 + random.nextInt(75), 1, 1).plusDays(random.nextInt(365));
        String nik;
        do {
            nik = nik(random, birth, female);
        } while (!used.add(nik));
        String name = name(random, female);
        String card = String.format("%013d", Math.floorMod(random.nextLong(), 10_000_000_000_000L));
        String regency = nik.substring(0, 4);
        LocalDate registered = LocalDate.of(2014, 1, 1).plusDays(random.nextInt(6 * 365));
        List<Version> versions = new ArrayList<>();
        // Some exports leave valid_from empty on the first version: since registration.
        LocalDate firstFrom = random.nextInt(3) == 0 ? null : registered;
        String phone = phone(random);
        versions.add(new Version(
                nik,
                card,
                name,
                birth,
                female ? "F" : "M",
                phone,
                regency,
                "ACTIVE",
                registered,
                null,
                firstFrom,
                canarySet));
        if (canarySet == null) {
            LocalDate from = registered;
            int changes = random.nextInt(10) < 3 ? 1 + random.nextInt(2) : 0;
            for (int c = 0; c < changes; c++) {
                from = from.plusDays(200 + random.nextInt(700));
                Version last = versions.get(versions.size() - 1);
                boolean move = random.nextBoolean();
                versions.add(new Version(
                        nik,
                        card,
                        name,
                        birth,
                        last.sex(),
                        move ? last.phone() : phone(random),
                        move
                                ? PROVINCES[random.nextInt(PROVINCES.length)]
                                        + String.format("%02d", 1 + random.nextInt(20))
                                : last.regencyCode(),
                        random.nextInt(4) == 0 ? "INACTIVE" : "ACTIVE",
                        registered,
                        null,
                        from,
                        null));
            }
            if (random.nextInt(100) < 6) {
                Version last = versions.get(versions.size() - 1);
                LocalDate died = last.effectiveFrom().plusDays(100 + random.nextInt(600));
                versions.add(new Version(
                        nik,
                        card,
                        name,
                        birth,
                        last.sex(),
                        last.phone(),
                        last.regencyCode(),
                        "DECEASED",
                        registered,
                        died,
                        died,
                        null));
            }
        }
        return new Member(nik, versions);
    }

    /** A valid NIK: province, regency, district, DDMMYY (day + 40 for women), serial from 0001. */
    static String nik(Random random, LocalDate birth, boolean female) {
        int province = PROVINCES[random.nextInt(PROVINCES.length)];
        return String.format(
                "%02d%02d%02d%02d%02d%02d%04d",
                province,
                1 + random.nextInt(20),
                1 + random.nextInt(30),
                birth.getDayOfMonth() + (female ? 40 : 0),
                birth.getMonthValue(),
                birth.getYear() % 100,
                1 + random.nextInt(9999));
    }

    static String name(Random random, boolean female) {
        String[] given = female ? FEMALE : MALE;
        String first = given[random.nextInt(given.length)];
        String family = FAMILY[random.nextInt(FAMILY.length)];
        return random.nextInt(4) == 0
                ? first + " " + given[random.nextInt(given.length)] + " " + family
                : first + " " + family;
    }

    static String phone(Random random) {
        return "08" + (1 + random.nextInt(9)) + String.format("%08d", random.nextInt(100_000_000));
    }

    /** The registry export (DESIGN.md "Data formats"), header first. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder();
        try {
            writeCsv(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return csv.toString();
    }

    /** Writes the export row by row: a registry of ten million members is more text than one String holds. */
    public void writeCsv(Appendable csv) throws IOException {
        csv.append(
                "nik,card_no,full_name,birth_date,sex,phone,regency_code,status,registered_on,deceased_on,valid_from,"
                        + "canary_set\n");
        for (Member member : members) {
            for (Version v : member.versions()) {
                csv.append(v.nik())
                        .append(',')
                        .append(v.cardNo())
                        .append(',')
                        .append('"')
                        .append(v.fullName())
                        .append('"')
                        .append(',')
                        .append(v.birthDate().toString())
                        .append(',')
                        .append(v.sex())
                        .append(',')
                        .append(v.phone())
                        .append(',')
                        .append(v.regencyCode())
                        .append(',')
                        .append(v.status())
                        .append(',')
                        .append(v.registeredOn().toString())
                        .append(',')
                        .append(v.deceasedOn() == null ? "" : v.deceasedOn().toString())
                        .append(',')
                        .append(v.validFrom() == null ? "" : v.validFrom().toString())
                        .append(',')
                        .append(v.canarySet() == null ? "" : v.canarySet())
                        .append('\n');
            }
        }
    }
}
