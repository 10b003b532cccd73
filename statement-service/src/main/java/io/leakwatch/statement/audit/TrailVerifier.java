package io.leakwatch.statement.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an exported audit trail offline, with nothing but the JDK:
 *
 * <pre>
 * java -cp statement-service/target/classes io.leakwatch.statement.audit.TrailVerifier trail.ndjson
 * </pre>
 *
 * Each line of the export is {@code {"seq":N,"eventId":"…","topic":"…","prevHash":"…","hash":"…","event":CANONICAL}}
 * with the event last, so the hashed bytes are exactly what follows {@code "event":} up to the line's closing brace.
 * Prints {@code VALID <entries> <head hash>} and exits 0, or {@code INVALID line <n> (seq <s>): <reason>} and exits 1
 * (2 when the file cannot be read). Compare the head hash with the one the service reports for the trail: a chain only
 * proves that nothing before its head was changed.
 */
public final class TrailVerifier {

    private static final Pattern LINE = Pattern.compile("^\\{\"seq\":(\\d+),\"eventId\":\"(?:[^\"\\\\]|\\\\.)*\","
            + "\"topic\":\"(?:[^\"\\\\]|\\\\.)*\",\"prevHash\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\","
            + "\"event\":(\\{.*\\})\\}$");

    /** What a check found: valid with its length and head, or the first line that does not hold. */
    public record Result(boolean valid, long entries, String head, long line, long seq, String reason) {

        @Override
        public String toString() {
            return valid ? "VALID " + entries + " " + head : "INVALID line " + line + " (seq " + seq + "): " + reason;
        }
    }

    private TrailVerifier() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classes> " + TrailVerifier.class.getName() + " <trail.ndjson>");
            System.exit(2);
        }
        try {
            Result result = verify(Path.of(args[0]));
            System.out.println(result);
            System.exit(result.valid() ? 0 : 1);
        } catch (IOException e) {
            System.err.println("Cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
        }
    }

    public static Result verify(Path file) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String prev = AuditChain.GENESIS;
            long expectedSeq = 1;
            long lineNumber = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                Matcher entry = LINE.matcher(line);
                if (!entry.matches()) {
                    return invalid(lineNumber, expectedSeq, "not an audit trail entry");
                }
                long seq = Long.parseLong(entry.group(1));
                if (seq != expectedSeq) {
                    return invalid(lineNumber, seq, "expected seq " + expectedSeq);
                }
                if (!entry.group(2).equals(prev)) {
                    return invalid(lineNumber, seq, "prevHash is not the previous entry's hash");
                }
                if (!AuditChain.hash(prev, entry.group(4)).equals(entry.group(3))) {
                    return invalid(lineNumber, seq, "hash does not match the event");
                }
                prev = entry.group(3);
                expectedSeq++;
            }
            return new Result(true, expectedSeq - 1, prev, 0, 0, null);
        }
    }

    private static Result invalid(long line, long seq, String reason) {
        return new Result(false, 0, null, line, seq, reason);
    }
}
