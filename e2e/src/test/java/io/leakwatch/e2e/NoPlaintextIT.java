package io.leakwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.Topics;
import io.leakwatch.platform.privacy.RowTokeniser;
import io.leakwatch.platform.privacy.Tokeniser;
import io.leakwatch.testing.FreshDatabase;
import io.leakwatch.testing.InJvmKafkaBroker;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, point 6: after a full scenario over the three packaged services (a registry imported into matching, an
 * incident reported, a sample uploaded to intake, the verification completed, the statement drafted, approved and
 * published), not one NIK, name or phone number of the sample or of the registry is in any table of the three
 * databases, in any record of any topic or in any line the three services logged; neither is the tokenisation key.
 * The sample's NIK tokens on the topic are those of the run's key, and a different key gives none of them.
 */
class NoPlaintextIT {

    private static final byte[] KEY = randomKey();
    private static final String KEY_BASE64 = Base64.getEncoder().encodeToString(KEY);

    private static InJvmKafkaBroker broker;
    private static final Map<String, FreshDatabase> DATABASES = new LinkedHashMap<>();
    private static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();

    @BeforeAll
    static void startTheStack() throws Exception {
        broker = InJvmKafkaBroker.start();
        for (String name : List.of("intake-service", "matching-service", "statement-service")) {
            FreshDatabase database = FreshDatabase.create("leakwatch_e2e_privacy_" + name.substring(0, 5));
            DATABASES.put(name, database);
            Map<String, String> config =
                    ServiceProcess.stackConfig(name, broker.bootstrapServers(), database, KEY_BASE64);
            ServiceProcess service = new ServiceProcess(name, freePort(), config);
            SERVICES.put(name, service);
            service.start();
        }
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        List<AutoCloseable> parts = new ArrayList<>(SERVICES.values());
        parts.addAll(DATABASES.values());
        parts.add(broker);
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void noNikNamePhoneOrKeyIsStoredSentOrLoggedAfterTheWholeScenario() throws Exception {
        Synthetic data = new Synthetic(new Random(2021), 60, 40, 10);
        importRegistry(data.registryCsv());
        String incidentId = reportAndAware();
        String sampleId = upload(incidentId, data.sampleCsv());
        String verdict = awaitVerification(sampleId);
        publishTheNewestDraft(incidentId);

        // Let the last events reach every topic and projection before the scan.
        Thread.sleep(3_000);
        List<String> stored = new ArrayList<>();
        for (FreshDatabase database : DATABASES.values()) {
            assertThat(database.tables()).contains("domainevententry");
            stored.addAll(database.everyValue());
        }
        List<String> sent = new ArrayList<>();
        int records = 0;
        for (String topic : Topics.ALL) {
            for (var record : TopicReader.readAll(broker.bootstrapServers(), topic)) {
                records++;
                sent.add(record.key());
                sent.add(record.value());
                for (Header header : record.headers()) {
                    sent.add(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        List<String> logged = new ArrayList<>();
        for (ServiceProcess service : SERVICES.values()) {
            logged.addAll(Files.readAllLines(service.log(), StandardCharsets.UTF_8));
        }

        // The scan reads what it should: tokens are on the topics, events in the stores, the services logged.
        assertThat(sent).as("records on the topics").anyMatch(value -> value != null && value.contains("nikToken"));
        assertThat(stored).as("values in the databases").anyMatch(value -> value.contains("\"headerNames\""));
        assertThat(logged).as("log lines").isNotEmpty();

        Set<String> secrets = data.plaintext();
        for (String secret : secrets) {
            String needle = secret.toLowerCase(Locale.ROOT);
            assertThat(stored).as("a table holds %s", secret).noneMatch(value -> contains(value, needle));
            assertThat(sent).as("a record holds %s", secret).noneMatch(value -> contains(value, needle));
            assertThat(logged).as("a log line holds %s", secret).noneMatch(value -> contains(value, needle));
        }
        for (String key : keyForms(KEY)) {
            assertThat(stored).as("the key in a table").noneMatch(value -> value.contains(key));
            assertThat(sent).as("the key in a record").noneMatch(value -> value != null && value.contains(key));
            assertThat(logged).as("the key in a log line").noneMatch(value -> value.contains(key));
        }

        // The tokens on the topic are the run key's; another key's tokens of the same NIKs are nowhere.
        Set<String> ours = data.sampleNikTokens(Tokeniser.fromBase64(KEY_BASE64));
        Set<String> another = data.sampleNikTokens(new Tokeniser(randomKey()));
        assertThat(ours).hasSize(data.validSampleNiks()).doesNotContainAnyElementsOf(another);
        String chunks = String.join("\n", sentOn(Topics.SAMPLE_CHUNKS));
        assertThat(ours).allMatch(chunks::contains);
        for (String token : another) {
            assertThat(sent)
                    .as("another key's token on a topic")
                    .noneMatch(value -> value != null && value.contains(token));
            assertThat(stored).as("another key's token in a table").noneMatch(value -> value.contains(token));
        }

        System.out.printf(
                "no-plaintext: verdict %s; %d secrets (%d NIKs, names and phones of %d registry members and %d sample"
                        + " rows) and 3 forms of the key searched in %d values of %d tables, %d values of %d records"
                        + " on %d topics and %d log lines: none found; %d sample NIK tokens all of the run's key, none"
                        + " of another%n",
                verdict,
                secrets.size(),
                data.niks(),
                data.registryMembers(),
                data.sampleRows(),
                stored.size(),
                DATABASES.values().stream().mapToInt(NoPlaintextIT::tableCount).sum(),
                sent.size(),
                records,
                Topics.ALL.size(),
                logged.size(),
                ours.size());
    }

    private static boolean contains(String value, String lowerCaseNeedle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseNeedle);
    }

    private static void importRegistry(String csv) {
        String importId = as("analyst", "matching-service")
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/registry/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("importId");
        await(() -> "COMPLETED"
                .equals(as("analyst", "matching-service")
                        .get("/api/v1/registry/imports/" + importId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("status")));
        await(() -> as("analyst", "matching-service")
                        .get("/api/v1/registry/stats")
                        .then()
                        .extract()
                        .<Integer>path("registryMembers")
                > 0);
    }

    private static String reportAndAware() {
        String incidentId = as("reporter", "intake-service")
                .contentType(ContentType.JSON)
                .body("""
                        {"title":"Data of 279 million Indonesians offered on a forum",
                         "source":{"kind":"FORUM","url":"https://forum.example/privacy-%s","actor":"Kotz"},
                         "claimedRecordCount":279000000,"dataCategories":["NIK","NAME","PHONE"],
                         "discoveredAt":"2021-05-20T09:00:00Z","jurisdictions":["ID"]}""".formatted(UUID.randomUUID()))
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
        as("analyst", "intake-service")
                .contentType(ContentType.JSON)
                .body("{\"awareAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        + "\",\"jurisdictions\":[\"ID\"]}")
                .post("/api/v1/incidents/" + incidentId + "/awareness")
                .then()
                .statusCode(200);
        return incidentId;
    }

    private static String upload(String incidentId, String csv) {
        return as("reporter", "intake-service")
                .contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/incidents/" + incidentId + "/samples")
                .then()
                .statusCode(202)
                .extract()
                .path("sampleId");
    }

    private static String awaitVerification(String sampleId) {
        await(() -> "COMPLETED"
                .equals(as("analyst", "matching-service")
                        .get("/api/v1/verifications/" + sampleId)
                        .then()
                        .extract()
                        .path("status")));
        return as("analyst", "matching-service")
                .get("/api/v1/verifications/" + sampleId)
                .then()
                .extract()
                .path("verdict");
    }

    /** Drafts follow the facts within moments: the newest version, once none came for three seconds, is published. */
    private static void publishTheNewestDraft(String incidentId) throws InterruptedException {
        String statements = "/api/v1/incidents/" + incidentId + "/statements";
        int newest = 0;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && (newest == 0 || System.nanoTime() - stableSince < 3_000_000_000L)) {
            List<Integer> versions = JsonPath.from(as("comms", "statement-service")
                            .get(statements)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .getList("version", Integer.class);
            int seen = versions.stream().mapToInt(Integer::intValue).max().orElse(0);
            if (seen != newest) {
                newest = seen;
                stableSince = System.nanoTime();
            }
            Thread.sleep(500);
        }
        assertThat(newest).as("drafted versions").isPositive();
        as("comms", "statement-service")
                .post(statements + "/" + newest + "/approval")
                .then()
                .statusCode(200);
        as("comms", "statement-service")
                .post(statements + "/" + newest + "/publication")
                .then()
                .statusCode(200);
        await(() -> given().baseUri(SERVICES.get("statement-service").baseUrl())
                        .get("/statements/" + incidentId)
                        .statusCode()
                == 200);
    }

    private static List<String> sentOn(String topic) {
        return TopicReader.readAll(broker.bootstrapServers(), topic).stream()
                .map(record -> record.value())
                .toList();
    }

    /** The key as base64 (both alphabets, with and without padding) and hex: however a careless line might print it. */
    private static List<String> keyForms(byte[] key) {
        return List.of(
                Base64.getEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key));
    }

    private static int tableCount(FreshDatabase database) {
        try {
            return database.tables().size();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String role, String service) {
        return given().baseUri(SERVICES.get(service).baseUrl()).auth().oauth2(TestTokens.forRoles(role));
    }

    private static void await(Supplier<Boolean> condition) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(condition::get);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A made-up registry and a sample drawn from it: valid NIKs, names, phones. Some sample rows carry a new phone,
     * some are strangers to the registry, so that every kind of row passes through matching.
     */
    private static final class Synthetic {

        private static final String[] GIVEN = {"Siti", "Budi", "Dewi", "Agus", "Ratna", "Joko", "Wulan", "Hendra"};
        private static final String[] FAMILY = {"Nurhaliza", "Santoso", "Wijaya", "Siregar", "Lubis", "Halim"};
        private static final int[] PROVINCES = {11, 12, 31, 32, 33, 35, 51, 73};

        private final List<Map<String, String>> registry = new ArrayList<>();
        private final List<Map<String, String>> sample = new ArrayList<>();

        Synthetic(Random random, int members, int fromRegistry, int strangers) {
            for (int i = 0; i < members; i++) {
                registry.add(person(random, i));
            }
            for (int i = 0; i < fromRegistry; i++) {
                Map<String, String> row = new LinkedHashMap<>(registry.get(i));
                if (i % 5 == 0) {
                    row.put("phone", phone(random));
                }
                sample.add(row);
            }
            for (int i = 0; i < strangers; i++) {
                sample.add(person(random, members + i));
            }
        }

        private static Map<String, String> person(Random random, int serial) {
            boolean female = random.nextBoolean();
            LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1, 1).plusDays(random.nextInt(365));
            String nik = String.format(
                    "%02d%02d%02d%02d%02d%02d%04d",
                    PROVINCES[random.nextInt(PROVINCES.length)],
                    1 + random.nextInt(20),
                    1 + random.nextInt(30),
                    birth.getDayOfMonth() + (female ? 40 : 0),
                    birth.getMonthValue(),
                    birth.getYear() % 100,
                    1 + serial);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("nik", nik);
            row.put(
                    "full_name",
                    GIVEN[random.nextInt(GIVEN.length)] + " " + GIVEN[random.nextInt(GIVEN.length)] + " "
                            + FAMILY[random.nextInt(FAMILY.length)]);
            row.put("birth_date", birth.toString());
            row.put("sex", female ? "F" : "M");
            row.put("phone", phone(random));
            return row;
        }

        private static String phone(Random random) {
            return "08" + (1 + random.nextInt(9)) + String.format("%08d", random.nextInt(100_000_000));
        }

        String registryCsv() {
            StringBuilder csv = new StringBuilder("nik,card_no,full_name,birth_date,sex,phone,regency_code,status,"
                    + "registered_on,deceased_on,valid_from,canary_set\n");
            for (Map<String, String> m : registry) {
                csv.append(String.join(
                                ",",
                                m.get("nik"),
                                "000" + m.get("nik").substring(6),
                                m.get("full_name"),
                                m.get("birth_date"),
                                m.get("sex"),
                                m.get("phone"),
                                m.get("nik").substring(0, 4),
                                "ACTIVE",
                                "2015-01-01",
                                "",
                                "",
                                ""))
                        .append('\n');
            }
            return csv.toString();
        }

        String sampleCsv() {
            StringBuilder csv = new StringBuilder("nik,full_name,birth_date,sex,phone\n");
            for (Map<String, String> row : sample) {
                csv.append(String.join(",", row.values())).append('\n');
            }
            return csv.toString();
        }

        /**
         * Every NIK, full name and phone of both files. Phones without their leading 0, so that +62 and 62 forms are
         * found too.
         */
        Set<String> plaintext() {
            Set<String> secrets = new LinkedHashSet<>();
            for (List<Map<String, String>> rows : List.of(registry, sample)) {
                for (Map<String, String> row : rows) {
                    secrets.add(row.get("nik"));
                    secrets.add(row.get("full_name"));
                    secrets.add(row.get("phone").substring(1));
                }
            }
            return secrets;
        }

        Set<String> sampleNikTokens(Tokeniser tokeniser) {
            RowTokeniser rows = new RowTokeniser(tokeniser);
            Set<String> tokens = new LinkedHashSet<>();
            for (Map<String, String> row : sample) {
                tokens.add(rows.tokenise(row).nikToken().base64Url());
            }
            return tokens;
        }

        int validSampleNiks() {
            return sample.size();
        }

        int registryMembers() {
            return registry.size();
        }

        long niks() {
            return plaintext().stream()
                    .filter(secret -> secret.matches("\\d{16}"))
                    .count();
        }

        int sampleRows() {
            return sample.size();
        }
    }
}
