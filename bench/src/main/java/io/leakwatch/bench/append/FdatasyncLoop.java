package io.leakwatch.bench.append;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's floor under a durable commit: one 8 KiB page (PostgreSQL's WAL block) written into a preallocated file,
 * then {@code FileChannel.force(false)}, which is {@code fdatasync(2)} on Linux, as PostgreSQL's
 * {@code wal_sync_method = fdatasync} does at each commit. The file must sit on the disk of PostgreSQL's data directory.
 */
final class FdatasyncLoop implements AutoCloseable {

    private static final int PAGE = 8192;
    // Note: preallocated and overwritten in a ring, like a WAL segment, so fdatasync has no file size to flush.
    private static final long FILE_SIZE = 16L << 20;

    private final FileChannel channel;
    private final ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
    private long position;

    FdatasyncLoop(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < FILE_SIZE; at += zeros.capacity()) {
            zeros.rewind();
            channel.write(zeros, at);
        }
        channel.force(true);
    }

    /** One page written and synced; called from one thread at a time. */
    synchronized void writeAndSync() throws IOException {
        page.rewind();
        page.putLong(0, position);
        channel.write(page, position);
        channel.force(false);
        position = (position + PAGE) % FILE_SIZE;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
