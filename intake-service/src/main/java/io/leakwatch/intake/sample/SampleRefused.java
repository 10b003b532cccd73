package io.leakwatch.intake.sample;

/**
 * An upload that is answered with a 4xx and records nothing: not CSV, not UTF-8, no header, no NIK column, too large.
 * The message names what is wrong and where, never a value from the file.
 *
 * @see #line()
 */
public final class SampleRefused extends RuntimeException {

    private final int status;
    private final long line;

    SampleRefused(int status, long line, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.line = line;
    }

    static SampleRefused badRequest(long line, String detail) {
        return new SampleRefused(400, line, detail);
    }

    static SampleRefused badRequest(String detail) {
        return new SampleRefused(400, 0, detail);
    }

    static SampleRefused tooLarge(long maxBytes) {
        return new SampleRefused(413, 0, "The sample is larger than the " + maxBytes + " bytes this service accepts.");
    }

    public int status() {
        return status;
    }

    /** The 1-based line of the file where it went wrong; 0 when the problem is not at a line. */
    public long line() {
        return line;
    }
}
