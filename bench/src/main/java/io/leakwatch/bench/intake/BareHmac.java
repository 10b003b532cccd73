package io.leakwatch.bench.intake;

import io.leakwatch.platform.privacy.CanonicalField;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The baseline of the intake benchmarks: one HMAC-SHA256 per non-blank cell of the seven tokenised fields (NIK and the
 * compared ones), nothing else, over rows already in memory, one thread per core.
 */
final class BareHmac {

    static final List<String> FIELDS = List.of(
            CanonicalField.NIK.column(),
            CanonicalField.CARD_NO.column(),
            CanonicalField.FULL_NAME.column(),
            CanonicalField.BIRTH_DATE.column(),
            CanonicalField.SEX.column(),
            CanonicalField.PHONE.column(),
            CanonicalField.REGENCY_CODE.column());

    private final ThreadLocal<Mac> macs;

    /** @param key the tokenisation key in base64, as services take it */
    BareHmac(String key) {
        byte[] raw = Base64.getDecoder().decode(key.strip().replace('-', '+').replace('_', '/'));
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(raw, "HmacSHA256"));
                return mac;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The sample's rows as maps of its header names to cells, parsed before any timing. */
    static List<Map<String, String>> readRows(Path csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
            for (CSVRecord record : parser) {
                rows.add(record.toMap());
            }
        }
        return rows;
    }

    /** The seven fields of each row, in {@link #FIELDS} order: all the baseline reads. */
    static List<String[]> fields(List<Map<String, String>> rows) {
        return rows.stream()
                .map(row -> FIELDS.stream().map(row::get).toArray(String[]::new))
                .toList();
    }

    long hash(String[] cells) {
        Mac mac = macs.get();
        long sink = 0;
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                sink += mac.doFinal(cell.getBytes(StandardCharsets.UTF_8))[0];
            }
        }
        return sink;
    }

    /** Rows per second over all threads, each thread hashing a contiguous slice of the rows, {@code passes} times. */
    double rowsPerSecond(ExecutorService pool, int threads, List<String[]> rows, int passes) throws Exception {
        return Throughput.rowsPerSecond(pool, threads, rows, passes, this::hash);
    }
}
