package io.leakwatch.intake.sample;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The upload's bytes as they stream in: counted, digested (SHA-256, the chain-of-custody record), checked to be UTF-8
 * and free of NUL bytes, and numbered by line, so that a refusal can say at which line the file went wrong.
 *
 * <p>Note: UTF-8 is checked here, byte by byte, rather than by the decoder: the decoder reads ahead, so only here is
 * the line of the offending byte exact. A line feed (0x0A) never occurs inside a UTF-8 sequence, so counting it is
 * counting lines.
 *
 * <p>Refusals are thrown as {@link Refusal}, an {@link IOException}, so that they pass through the reader and the CSV
 * parser; {@link #refusal(Throwable)} finds them again.
 */
final class SampleBytes extends FilterInputStream {

    private final long maxBytes;
    private final long maxRowBytes;
    private final MessageDigest digest;
    private long bytes;
    private long lineFeeds;
    private long sinceRowStart;
    /** Continuation bytes still expected in the current UTF-8 sequence, and the range the next one must be in. */
    private int pending;

    private int nextLow = 0x80;
    private int nextHigh = 0xBF;
    private boolean ended;

    SampleBytes(InputStream in, long maxBytes, long maxRowBytes) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxRowBytes = maxRowBytes;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            if (!ended) {
                ended = true;
                if (pending > 0) {
                    throw new Refusal(SampleRefused.badRequest(
                            line(),
                            "The file is not UTF-8: it ends inside a multi-byte character, at line " + line() + "."));
                }
            }
            return n;
        }
        bytes += n;
        if (bytes > maxBytes) {
            throw new Refusal(SampleRefused.tooLarge(maxBytes));
        }
        sinceRowStart += n;
        if (sinceRowStart > maxRowBytes) {
            throw new Refusal(SampleRefused.badRequest(
                    line(),
                    "A row reaching line " + line() + " is longer than " + maxRowBytes
                            + " bytes: the file is not CSV, or a quote is not closed."));
        }
        for (int i = offset; i < offset + n; i++) {
            check(buffer[i] & 0xFF);
        }
        digest.update(buffer, offset, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Every byte must be digested and checked; nothing reads past the file by skipping.
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws Refusal {
        if (pending > 0) {
            if (b < nextLow || b > nextHigh) {
                throw notUtf8();
            }
            pending--;
            nextLow = 0x80;
            nextHigh = 0xBF;
            return;
        }
        if (b < 0x80) {
            if (b == 0) {
                throw new Refusal(SampleRefused.badRequest(
                        line(), "The file is not CSV: it holds a NUL byte (binary data) at line " + line() + "."));
            }
            if (b == '\n') {
                lineFeeds++;
            }
            return;
        }
        // The well-formed sequences of RFC 3629 (no overlong forms, no surrogates, nothing above U+10FFFF).
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b == 0xE0) {
            pending = 2;
            nextLow = 0xA0;
        } else if (b == 0xED) {
            pending = 2;
            nextHigh = 0x9F;
        } else if (b >= 0xE1 && b <= 0xEF) {
            pending = 2;
        } else if (b == 0xF0) {
            pending = 3;
            nextLow = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
            pending = 3;
        } else if (b == 0xF4) {
            pending = 3;
            nextHigh = 0x8F;
        } else {
            throw notUtf8();
        }
    }

    private Refusal notUtf8() {
        return new Refusal(SampleRefused.badRequest(
                line(), "The file is not UTF-8: line " + line() + " holds a byte sequence that UTF-8 does not allow."));
    }

    /** The 1-based line the stream has reached. */
    long line() {
        return lineFeeds + 1;
    }

    /** A row begins: the next row may read at most {@code maxRowBytes} (plus the parser's read-ahead) before it ends. */
    void rowStarts() {
        sinceRowStart = 0;
    }

    long bytes() {
        return bytes;
    }

    /** The SHA-256 of every byte read, in lower-case hex; call once, after the stream has ended. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The refusal behind a failure of reading, if that is what it was. */
    static SampleRefused refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return refusal.refused;
            }
        }
        return null;
    }

    /** Carries a {@link SampleRefused} through readers that only let {@link IOException}s out. */
    static final class Refusal extends IOException {

        private final transient SampleRefused refused;

        Refusal(SampleRefused refused) {
            super(refused.getMessage(), null);
            this.refused = refused;
        }
    }
}
