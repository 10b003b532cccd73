package io.leakwatch.bench.append;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One side's slice of a cell: {@code op} called in a loop on {@code threads} threads for a fixed time, every call's
 * time from its start to its return (for the append sides, to the commit) kept for percentiles.
 */
final class TimedSlice {

    private static final int MAX_SAMPLES = 1 << 21;

    /** A call of the side being measured: one command, one row, one request or one write and fdatasync. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /** Calls made, seconds taken and each call's nanoseconds, summed over a cell's slices. */
    record Result(long ops, double seconds, long[] latencies) {

        static final Result NONE = new Result(0, 0, new long[0]);

        Result plus(Result other) {
            long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            return new Result(ops + other.ops, seconds + other.seconds, all);
        }

        double perSecond() {
            return ops / seconds;
        }

        /** The p-th percentile of the calls' times, in milliseconds. */
        double percentileMs(double p) {
            return io.leakwatch.bench.Stats.percentile(latencies, latencies.length, p) / 1e6;
        }
    }

    private TimedSlice() {}

    /** Runs {@code op} on {@code threads} threads for {@code seconds}; every call's time from start to return. */
    static Result run(String side, int threads, double seconds, Op op) throws Exception {
        long[][] latencies = new long[threads][MAX_SAMPLES / threads];
        int[] counts = new int[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            long end = window[1];
                            long[] mine = latencies[me];
                            int n = 0;
                            long now = System.nanoTime();
                            while (now < end && n < mine.length) {
                                op.run();
                                long done = System.nanoTime();
                                mine[n++] = done - now;
                                now = done;
                            }
                            counts[me] = n;
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    side + "-" + t);
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + (long) (seconds * Duration.ofSeconds(1).toNanos());
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failure.get() != null) {
            throw new IllegalStateException(side + " failed", failure.get());
        }
        int total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Result(total, elapsed / 1e9, all);
    }
}
