package jp.kakekin.print;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for work that takes as long as the machine lets it: it keeps waiting while the work progresses
 * (the child JVM uses CPU, files appear, the log grows) and fails only when nothing has moved for
 * {@link #STALL}, or after a generous {@link #OVERALL} limit. A fixed guess (a 3-minute wait that a loaded
 * machine needed 3 min 17 s for, issue #12 item 14) fails a healthy run; this does not.
 */
final class ProgressWait {

    /** Nothing moved for this long: the work is stuck. */
    static final Duration STALL = Duration.ofMinutes(2);
    /** Never wait longer than this in all. */
    static final Duration OVERALL = Duration.ofMinutes(30);

    private ProgressWait() {
    }

    /**
     * Waits until {@code done}, while {@code process} is alive and progressing ({@code progress} is any snapshot
     * of the work done that changes as it goes; the process's CPU time counts too).
     *
     * @throws AssertionError when the process ends first, stalls, or the overall limit passes
     */
    static void until(String what, Process process, BooleanSupplier done, Supplier<?> progress) throws InterruptedException {
        long start = System.nanoTime();
        long lastMove = start;
        Object last = snapshot(process, progress);
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                if (done.getAsBoolean()) {
                    return;
                }
                throw new AssertionError(what + ": the process ended first (exit " + process.exitValue() + ")");
            }
            long now = System.nanoTime();
            Object current = snapshot(process, progress);
            if (!Objects.equals(current, last)) {
                last = current;
                lastMove = now;
            } else if (now - lastMove > STALL.toNanos()) {
                process.destroyForcibly();
                throw new AssertionError(what + ": no progress for " + STALL + " (last: " + current + ")");
            }
            if (now - start > OVERALL.toNanos()) {
                process.destroyForcibly();
                throw new AssertionError(what + ": still not done after " + OVERALL);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end, as long as it progresses. */
    static int exit(String what, Process process, Supplier<?> progress) throws InterruptedException {
        until(what, process, () -> !process.isAlive(), progress);
        return process.waitFor();
    }

    private static Object snapshot(Process process, Supplier<?> progress) {
        // CPU time moves in steps of a scheduler tick; with the work's own snapshot it says "still working".
        return java.util.List.of(process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L),
                String.valueOf(progress.get()));
    }
}
