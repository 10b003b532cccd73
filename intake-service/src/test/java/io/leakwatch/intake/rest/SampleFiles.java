package io.leakwatch.intake.rest;

import static io.restassured.RestAssured.given;

import io.leakwatch.contracts.Topics;
import io.leakwatch.contracts.sample.SampleChunk;
import io.leakwatch.platform.axon.AxonJson;
import io.leakwatch.platform.privacy.NikValidator;
import io.leakwatch.platform.privacy.Tokeniser;
import io.leakwatch.platform.security.Roles;
import io.leakwatch.testing.LeakwatchTestStack;
import io.leakwatch.testing.TestTokens;
import io.leakwatch.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Known small samples and what the service must make of them. */
final class SampleFiles {

    /**
     * Canonical header, with a byte-order mark and CRLF; line 4 holds a quoted line break (the row spans 4-5), line 6 an
     * invalid NIK, line 7 repeats line 2's NIK, line 8 is ragged, line 9 is blank (not a row).
     */
    static final String CANONICAL = "\uFEFFnik,card_no,full_name,birth_date,sex,phone,regency_code,updated_at\r\n"
            + "3171011205900001,0001234567890,Siti Nurhaliza,1990-05-12,P,081234567890,3171,2021-05-01\r\n"
            + "3273021506850003,0009876543210,\"Budi \"\"Bud\"\" Santoso\",1985-06-15,L,+62 812 9999 0001,3273,2021-05-02\r\n"
            + "3578031010800004,,\"Agus\r\nSalimudin\",10-10-1980,L,0811000111,3578,\r\n"
            + "1234,0001111111111,Tono Invalidus,1970-01-01,L,0819876543,3171,2021-05-03\r\n"
            + "3171011205900001,0001234567890,Siti Nurhalisa,1990-05-12,P,081234567890,3171,2021-05-04\r\n"
            + "3171011205900005,too,few\r\n"
            + "\r\n"
            + "5171016007950006,0005555555555,Ni Luh Putu Ayu,1995-07-20,P,085711112222,5171,2021-05-12 10:15:00\r\n";

    /** The 2021 dump's own columns (LF line ends, no BOM); EMAIL, NPWP and KDKANTOR are not mapped. */
    static final String DUMP_2021 = "PSNOKA,NAMA,NIK,TGLLHR,NOHP,EMAIL,NPWP,KDKANTOR,TSUPDATE\n"
            + "0001234567890,SITI NURHALIZA,3171011205900001,12/05/1990,081234567890,siti.nurhaliza@mail.example,"
            + "01.234.567.8-901.000,K0101,2021-05-01 08:00:00\n"
            + "0002222222222,RAHMAT HIDAYATULLAH,3201014403920007,04/03/1992,081300001111,rahmat.h@mail.example,"
            + "02.345.678.9-012.000,K0202,2021-05-02 09:00:00\n"
            + "0003333333333,DEWI KARTIKASARI,0000000000000000,01/01/1990,081300002222,dewi.k@mail.example,"
            + "03.456.789.0-123.000,K0303,2021-05-03 10:00:00\n";

    static final String DUMP_2021_MAPPING =
            "nik:NIK,full_name:NAMA,card_no:PSNOKA,birth_date:TGLLHR,phone:NOHP,updated_at:TSUPDATE";

    /** Every personal value of both files that must never be stored or sent, raw and normalised. */
    static final List<String> PLAINTEXT = List.of(
            "3171011205900001",
            "3273021506850003",
            "3578031010800004",
            "3171011205900005",
            "5171016007950006",
            "3201014403920007",
            "Siti Nurhaliza",
            "siti nurhaliza",
            "SITI NURHALIZA",
            "Siti Nurhalisa",
            "Budi \"Bud\" Santoso",
            "budi bud santoso",
            "Salimudin",
            "Tono Invalidus",
            "Ni Luh Putu Ayu",
            "ni luh putu ayu",
            "RAHMAT HIDAYATULLAH",
            "rahmat hidayatullah",
            "DEWI KARTIKASARI",
            "081234567890",
            "6281234567890",
            "+62 812 9999 0001",
            "6281299990001",
            "0811000111",
            "0819876543",
            "085711112222",
            "6285711112222",
            "081300001111",
            "0001234567890",
            "0009876543210",
            "0005555555555",
            "siti.nurhaliza@mail.example",
            "rahmat.h@mail.example",
            "01.234.567.8-901.000");

    private SampleFiles() {}

    static RequestSpecification asReporter() {
        return given().auth().oauth2(TestTokens.forRoles(Roles.REPORTER));
    }

    static String newIncident() {
        return asReporter()
                .contentType(ContentType.JSON)
                .body(IncidentResourceTest.claim2021())
                .post("/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("incidentId");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Tokeniser testTokeniser() {
        return Tokeniser.fromBase64(ConfigProvider.getConfig().getValue("leakwatch.tokenisation.key", String.class));
    }

    /** How many chunks the service makes of these valid NIKs (in file order) with its test configuration. */
    static int expectedChunks(List<String> validNiks) {
        Tokeniser tokeniser = testTokeniser();
        int buckets = ConfigProvider.getConfig().getValue("leakwatch.sample.buckets", Integer.class);
        int chunkRows = ConfigProvider.getConfig().getValue("leakwatch.sample.chunk-rows", Integer.class);
        Map<Integer, Integer> perBucket = new HashMap<>();
        for (String nik : validNiks) {
            long key = tokeniser
                    .nikToken(NikValidator.validate(nik).validNik().orElseThrow())
                    .indexKey();
            perBucket.merge(Math.floorMod(key, buckets), 1, Integer::sum);
        }
        return perBucket.values().stream()
                .mapToInt(rows -> (rows + chunkRows - 1) / chunkRows)
                .sum();
    }

    static List<SampleChunk> chunksOf(String sampleId) {
        return TopicReader.readAll(LeakwatchTestStack.broker().bootstrapServers(), Topics.SAMPLE_CHUNKS).stream()
                .filter(record -> record.key().startsWith(sampleId + "/"))
                .map(record -> {
                    try {
                        return AxonJson.mapper().readValue(record.value(), SampleChunk.class);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}
