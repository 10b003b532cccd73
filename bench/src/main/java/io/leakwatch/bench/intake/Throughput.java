package io.leakwatch.bench.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

/** Rows per second of some work over rows in memory, one contiguous slice per thread. */
final class Throughput {

    private Throughput() {}

    static <R> double rowsPerSecond(ExecutorService pool, int threads, List<R> rows, int passes, ToLongFunction<R> work)
            throws Exception {
        List<Callable<Long>> tasks = new ArrayList<>();
        int slice = (rows.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<R> mine = rows.subList(Math.min(rows.size(), t * slice), Math.min(rows.size(), (t + 1) * slice));
            tasks.add(() -> {
                long sink = 0;
                for (int p = 0; p < passes; p++) {
                    for (R row : mine) {
                        sink += work.applyAsLong(row);
                    }
                }
                return sink;
            });
        }
        long start = System.nanoTime();
        long sink = 0;
        for (Future<Long> f : pool.invokeAll(tasks)) {
            sink += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.print(""); // keeps the JIT from dropping the work
        }
        return (double) rows.size() * passes / seconds;
    }
}
