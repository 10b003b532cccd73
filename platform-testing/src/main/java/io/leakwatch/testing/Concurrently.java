package io.leakwatch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Fires requests truly at once: each on a thread of its own, all held at one start latch until every thread is ready,
 * so that they reach the service in the same instant rather than one after the other.
 */
public final class Concurrently {

    private Concurrently() {}

    /** Runs {@code call(0)} to {@code call(n - 1)} at once and returns their results in that order. */
    public static <T> List<T> run(int n, IntFunction<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.apply(index);
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The threads did not start");
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for concurrent calls", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("A concurrent call failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
