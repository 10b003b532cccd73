package io.leakwatch.e2e;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body made line by line as it is read, never held whole: a client streams it as it comes, so a test can
 * send more than any memory holds.
 */
abstract class GeneratedLines extends InputStream {

    private byte[] line = new byte[0];
    private int position;
    private long bytes;

    /** The next line with its line end, or null at the end of the body. */
    protected abstract String nextLine();

    /** Sees every byte as it is handed out, in order (to digest them, say). */
    protected void handedOut(byte[] buffer, int offset, int length) {}

    /** Bytes handed out so far. */
    final long bytes() {
        return bytes;
    }

    @Override
    public final int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) {
        // Fills the caller's buffer across lines, as a file would: the client sends full-size HTTP chunks.
        int total = 0;
        while (total < length) {
            if (position == line.length) {
                String next = nextLine();
                if (next == null) {
                    break;
                }
                line = next.getBytes(StandardCharsets.UTF_8);
                position = 0;
                continue;
            }
            int n = Math.min(length - total, line.length - position);
            System.arraycopy(line, position, buffer, offset + total, n);
            handedOut(line, position, n);
            position += n;
            bytes += n;
            total += n;
        }
        return total == 0 && length > 0 ? -1 : total;
    }
}
