package jp.kakekin.cli;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calculation.CalculationService;
import jp.kakekin.synthetic.SyntheticLedgers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-calculate}: the throughput and memory benchmark of {@code calculate} (docs/performance.md).
 * Generates a synthetic ledger file (untimed, unless one is given), then runs the same service the
 * {@code calculate} command runs over it, writing the figures to a file, and reports lines/s, CPU time and
 * peak heap. Run the jar with {@code -Xmx256m} (src/main/sh/bench-calculate does) to show the heap target holds.
 */
@Command(name = "bench-calculate", mixinStandardHelpOptions = true,
        description = "Benchmarks calculate over generated ledgers: lines/s and peak heap.")
public class BenchCalculateCommand implements Callable<Integer> {

    @Option(names = "--lines", defaultValue = "1000000", description = "ledgers to generate (default: ${DEFAULT-VALUE})")
    long lines;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--year", defaultValue = "2026", description = "certificate year (default: ${DEFAULT-VALUE})")
    int year;

    @Option(names = "--document", defaultValue = "NOVEMBER_CERTIFICATE",
            description = "document to calculate (default: ${DEFAULT-VALUE}); SHOKIBO documents mark SAFETY lines not applicable and vice versa")
    DocumentKind document;

    @Option(names = "--input", description = "an existing ledger file to use instead of generating one")
    Path input;

    @Option(names = "--dir", description = "where the generated ledger and the figures go (default: a temporary directory)")
    Path dir;

    @Option(names = "--keep", description = "keep the generated ledger and the figures")
    boolean keep;

    private final Calculator calculator;

    public BenchCalculateCommand(Calculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kakekin-bench");
        Path ledger = input;
        Path figures = work.resolve("figures.jsonl");
        try {
            if (ledger == null) {
                ledger = work.resolve("ledger-%d-%d-%d.jsonl".formatted(lines, seed, year));
                long t0 = System.nanoTime();
                try (Writer out = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
                    new SyntheticLedgers(seed, year).writeJsonLines(lines, out);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("generate-ledger: %,d lines, %,d MB in %.1f s = %,.0f lines/s%n", lines,
                        Files.size(ledger) >> 20, s, lines / s);
            }
            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            CalculationService.Summary summary;
            try (Writer out = Files.newBufferedWriter(figures, StandardCharsets.UTF_8)) {
                summary = new CalculationService(calculator).run(ledger, out, document, year, null);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            sampler.stop();
            long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

            System.out.printf("calculate %s %d: %,d records (%,d invalid) in %.1f s = %,.0f lines/s%n", document, year,
                    summary.records(), summary.failed(), wall, summary.records() / wall);
            System.out.printf("  CPU %.1f s on %d processors (%.2f cores busy), %,.0f lines per CPU-second%n", cpu,
                    Runtime.getRuntime().availableProcessors(), cpu / wall, summary.records() / cpu);
            System.out.printf("  heap: max %d MB; peak used %d MB (sampled every 5 ms); sum of per-pool peaks %d MB%n",
                    Runtime.getRuntime().maxMemory() >> 20, sampler.peak() >> 20, poolPeaks >> 20);
            return summary.failed() > 0 ? 2 : 0;
        } finally {
            if (!keep) {
                Files.deleteIfExists(figures);
                if (input == null && ledger != null) {
                    Files.deleteIfExists(ledger);
                }
                if (dir == null) {
                    Files.deleteIfExists(work);
                }
            }
        }
    }

    /**
     * Polls heap occupancy. Pool peaks alone overstate the peak (each pool peaks at a different moment), and
     * a sample can miss a short spike between polls, so both are reported.
     */
    private static final class HeapSampler implements Runnable {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(this, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
