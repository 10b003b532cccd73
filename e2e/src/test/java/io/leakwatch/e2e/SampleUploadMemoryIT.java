package io.leakwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Memory stays flat whatever the sample's size: the packaged intake-service, its heap capped at 256 MB, takes a sample
 * of {@code leakwatch.e2e.sample-rows} rows (target 2,000,000, about 200 MB) generated on the fly as the request body,
 * never on disk, and streamed with chunked transfer encoding.
 *
 * <p>{@code -Dleakwatch.e2e.sample-rows=N} changes the size; measured times are in docs/decisions.md, "Sample upload".
 */
class SampleUploadMemoryIT {

    private static final long ROWS = Long.getLong("leakwatch.e2e.sample-rows", 2_000_000);
    /** Every 97th row carries an invalid NIK (serial 0000). */
    private static final int INVALID_EVERY = 97;

    @RegisterExtension
    static final E2eStack stack = new E2eStack();

    private static ServiceProcess intake;

    @BeforeAll
    static void start() throws Exception {
        intake = stack.service(
                "intake-service",
                "intake-service",
                stack.database("sample"),
                Map.of(),
                // An OutOfMemoryError anywhere ends the process, so it cannot hide in a worker thread.
                List.of("-XX:+ExitOnOutOfMemoryError"));
        intake.start();
    }

    @Test
    void aLargeSampleStreamsThroughA256MegabyteHeap() throws Exception {
        String incidentId = Incidents.fileThe2021Claim(intake);

        GeneratedSample sample = new GeneratedSample(ROWS);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(intake.baseUrl() + "/api/v1/incidents/" + incidentId + "/samples"))
                .header("Authorization", "Bearer " + TestTokens.forRoles("reporter"))
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> sample))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonPath receipt = JsonPath.from(response.body());
        long invalid = (ROWS + INVALID_EVERY - 1) / INVALID_EVERY;
        assertThat(receipt.getLong("rows")).isEqualTo(ROWS);
        assertThat(receipt.getLong("invalidRows")).isEqualTo(invalid);
        assertThat(receipt.getLong("bytes")).isEqualTo(sample.bytes());
        assertThat(receipt.getString("sha256")).isEqualTo(sample.sha256());
        assertThat(intake.handle().isAlive()).isTrue();
        System.out.printf(
                "SampleUploadMemoryIT: %,d rows, %,d bytes, %d chunks in %s (%.0f rows/s); intake's peak RSS %s%n",
                ROWS,
                sample.bytes(),
                receipt.getInt("chunks"),
                took,
                ROWS / (took.toMillis() / 1000.0),
                intake.peakRss());
    }

    /** A sample made row by row as it is read, digested on the way out; nothing of it is ever held whole. */
    static final class GeneratedSample extends GeneratedLines {

        private static final String[] SYLLABLES = {
            "si", "ti", "nur", "ha", "li", "za", "bu", "di", "san", "to", "so", "a", "gus", "sa", "lim", "de", "wi",
            "kar", "ti", "ka"
        };

        private final long rows;
        private final MessageDigest digest;
        private long next = -1;

        GeneratedSample(long rows) {
            this.rows = rows;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected String nextLine() {
            if (next >= rows) {
                return null;
            }
            String line = next < 0 ? "nik,full_name,birth_date,sex,phone,email,alamat\n" : row(next);
            next++;
            return line;
        }

        @Override
        protected void handedOut(byte[] buffer, int offset, int length) {
            digest.update(buffer, offset, length);
        }

        private static String row(long i) {
            long rest = i / 9999;
            int serial = i % INVALID_EVERY == 0 ? 0 : (int) (i % 9999) + 1;
            int day = (int) (rest % 28) + 1;
            int month = (int) (rest / 28 % 12) + 1;
            int year = (int) (rest / 336 % 100);
            int district = (int) (rest / 33_600 % 99) + 1;
            boolean woman = i % 2 == 1;
            String nik =
                    String.format("3171%02d%02d%02d%02d%04d", district, woman ? day + 40 : day, month, year, serial);
            String name = SYLLABLES[(int) (i % 20)] + SYLLABLES[(int) (i / 20 % 20)] + " "
                    + SYLLABLES[(int) (i / 400 % 20)] + SYLLABLES[(int) (i / 8000 % 20)] + "wati";
            return nik + "," + name + "," + String.format("19%02d-%02d-%02d", year, month, day) + ","
                    + (woman ? "P" : "L") + ",0812" + String.format("%08d", i % 100_000_000) + ",user" + i
                    + "@mail.example,JL. MERDEKA NO. " + (i % 500) + " RT 01 RW 02\n";
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
