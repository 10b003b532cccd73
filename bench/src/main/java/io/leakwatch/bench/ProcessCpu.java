package io.leakwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (user + system), from Linux's {@code /proc/<pid>/stat}: lets a bench say which of
 * the processes sharing the box's cores spent the time of a run (the service, its broker, the bench itself).
 */
public final class ProcessCpu {

    /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s times, 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Field numbers as proc(5) counts them, from 1: (14) utime, (15) stime; (3) state is the first after the name. */
    private static final int UTIME = 14;

    private static final int STIME = 15;
    private static final int STATE = 3;

    private ProcessCpu() {}

    /** Seconds of CPU the process has used; {@code NaN} when it cannot be read (no such process, not Linux). */
    public static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[UTIME - STATE]) + Long.parseLong(fields[STIME - STATE])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Seconds of CPU this JVM has used. */
    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }
}
