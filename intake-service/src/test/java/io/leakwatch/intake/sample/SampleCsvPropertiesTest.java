package io.leakwatch.intake.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the sample's reading (the byte checks of {@link SampleBytes} and the upload's CSV format) over seeded
 * random inputs, case i from {@code new Random(i)} (docs/decisions.md, "Property tests without jqwik"): any table
 * written as RFC 4180 allows (quotes, commas and line breaks in cells, CRLF or LF, a byte-order mark or not), however
 * the bytes arrive, reads back cell for cell, digested and line-counted exactly; one byte UTF-8 does not allow (or a
 * NUL), anywhere, is refused at its line.
 */
class SampleCsvPropertiesTest {

    private static final String ALPHABET = "ab ,\"\r\nÉé漢\uD83D\uDE00\t'09;";
    private static final byte[][] NOT_ALLOWED = {{0}, {(byte) 0xC0}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0x80}};

    static IntStream seeds() {
        return IntStream.range(0, 500);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyRfc4180TableReadsBackCellForCell(int seed) throws Exception {
        Random random = new Random(seed);
        List<List<String>> table = table(random);
        byte[] file = write(table, random);
        SampleBytes bytes = new SampleBytes(new Trickle(file, random), Long.MAX_VALUE, Long.MAX_VALUE);

        List<List<String>> read = new ArrayList<>();
        try (Reader reader = SampleUploader.withoutByteOrderMark(bytes);
                CSVParser parser = CSVParser.builder()
                        .setReader(reader)
                        .setFormat(SampleUploader.FORMAT)
                        .get()) {
            for (CSVRecord record : parser) {
                read.add(record.toList());
            }
        }

        assertThat(read).isEqualTo(table);
        assertThat(bytes.bytes()).isEqualTo(file.length);
        assertThat(bytes.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        assertThat(bytes.line()).isEqualTo(1 + count(file, file.length));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aByteUtf8DoesNotAllowIsRefusedAtItsLine(int seed) throws Exception {
        Random random = new Random(seed);
        byte[] valid = write(table(random), random);
        int at = random.nextInt(valid.length + 1);
        // Between two characters, never inside one, so that the line of the byte is well defined.
        while (at < valid.length && (valid[at] & 0xC0) == 0x80) {
            at++;
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(valid, 0, at);
        file.write(NOT_ALLOWED[random.nextInt(NOT_ALLOWED.length)]);
        file.write(valid, at, valid.length - at);
        long line = 1 + count(valid, at);
        SampleBytes bytes = new SampleBytes(new Trickle(file.toByteArray(), random), Long.MAX_VALUE, Long.MAX_VALUE);

        assertThatThrownBy(bytes::readAllBytes)
                .isInstanceOf(SampleBytes.Refusal.class)
                .satisfies(refusal ->
                        assertThat(SampleBytes.refusal(refusal).line()).isEqualTo(line));
    }

    /** A header and up to 20 rows of up to 6 cells of random text: commas, quotes, line breaks, other scripts. */
    private static List<List<String>> table(Random random) {
        int columns = 1 + random.nextInt(6);
        List<List<String>> table = new ArrayList<>();
        int rows = 1 + random.nextInt(20);
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                StringBuilder cell = new StringBuilder();
                int length = random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    int at = random.nextInt(ALPHABET.length());
                    if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                        cell.append(ALPHABET, at, at + 2);
                    } else if (!Character.isLowSurrogate(ALPHABET.charAt(at))) {
                        cell.append(ALPHABET.charAt(at));
                    }
                }
                row.add(cell.toString());
            }
            // A row of one empty cell would be an empty line, which the upload skips: a table has none.
            if (columns == 1 && row.get(0).isEmpty()) {
                row.set(0, "x");
            }
            table.add(row);
        }
        return table;
    }

    /** As RFC 4180 writes it: a cell quoted when it must be (and sometimes when not), CRLF or LF, a BOM or not. */
    private static byte[] write(List<List<String>> table, Random random) {
        String end = random.nextBoolean() ? "\r\n" : "\n";
        StringBuilder csv = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                boolean quote = cell.matches("(?s).*[,\"\r\n].*") || random.nextInt(5) == 0;
                csv.append(c == 0 ? "" : ",").append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
            }
            csv.append(end);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Line feeds among the first {@code length} bytes. */
    private static long count(byte[] bytes, int length) {
        return IntStream.range(0, length).filter(i -> bytes[i] == '\n').count();
    }

    /** The bytes in pieces of random size, as a network delivers them. */
    private static final class Trickle extends FilterInputStream {

        private final Random random;

        Trickle(byte[] bytes, Random random) {
            super(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length)));
            this.random = random;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(64)));
        }
    }
}
