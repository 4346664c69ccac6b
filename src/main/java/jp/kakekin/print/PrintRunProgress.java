package jp.kakekin.print;

import jp.kakekin.issuance.ReasonCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live progress of the print runs executing in this JVM, for the CLI's progress line and the REST
 * status, and the run metrics published through Actuator ({@code kakekin.print.*}). The job repository
 * has the durable counts; this has the per-record ones, between commits.
 */
public final class PrintRunProgress {

    /** One phase of a run: records of the ledger calculated, or certificates printed. */
    public static final class Phase implements jp.kakekin.batch.Progress {
        private final String name;
        private final long total;
        private final long startNanos = System.nanoTime();
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong resumed = new AtomicLong();
        private final Counter counter;

        Phase(String name, long total, Counter counter) {
            this.name = name;
            this.total = total;
            this.counter = counter;
        }

        public String name() {
            return name;
        }

        public long total() {
            return total;
        }

        public long done() {
            return done.get();
        }

        /** Work done in this phase by earlier executions of the run (restored on restart). */
        @Override
        public void resume(long n) {
            done.addAndGet(n);
            resumed.addAndGet(n);
        }

        @Override
        public void add(long n) {
            done.addAndGet(n);
            counter.increment(n);
        }

        /** Items per second done by this execution (work restored from an earlier one does not count). */
        public double ratePerSecond() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return seconds <= 0 ? 0 : (done.get() - resumed.get()) / seconds;
        }

        /** Seconds left at the current rate, or -1 while there is no rate yet. */
        public long etaSeconds() {
            double rate = ratePerSecond();
            return rate <= 0 ? -1 : Math.round(Math.max(0, total - done.get()) / rate);
        }
    }

    private final Map<Long, AtomicReference<Phase>> runs = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Counter records;
    private final Counter certificates;

    public PrintRunProgress(MeterRegistry meters) {
        this.meters = meters != null ? meters : new SimpleMeterRegistry();
        this.records = Counter.builder("kakekin.print.records").description("ledger records calculated by print runs")
                .register(this.meters);
        this.certificates = Counter.builder("kakekin.print.certificates")
                .description("certificates printed (pages written to completed batch files)").register(this.meters);
        Gauge.builder("kakekin.print.active", runs, Map::size).description("print runs executing in this JVM")
                .register(this.meters);
    }

    /** Starts a phase of the given job execution; the previous phase, if any, is over. */
    Phase begin(long executionId, String name, long total) {
        Phase p = new Phase(name, total, name.equals(PrintRunJob.PRINT) ? certificates : records);
        runs.computeIfAbsent(executionId, id -> new AtomicReference<>()).set(p);
        return p;
    }

    Phase current(long executionId, String name) {
        AtomicReference<Phase> ref = runs.get(executionId);
        Phase p = ref == null ? null : ref.get();
        return p != null && p.name.equals(name) ? p : null;
    }

    public Optional<Phase> of(long executionId) {
        AtomicReference<Phase> ref = runs.get(executionId);
        return Optional.ofNullable(ref == null ? null : ref.get());
    }

    void end(long executionId) {
        runs.remove(executionId);
    }

    void excluded(ReasonCode reason, long n) {
        if (n > 0) {
            Counter.builder("kakekin.print.excluded").tag("reason", reason.name())
                    .description("ledger records not printed, by reason").register(meters).increment(n);
        }
    }
}
