package jp.kakekin.cli;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.synthetic.SyntheticLedgers;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.FontLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-render}: the benchmark of the certificate renderer (docs/performance.md). Generates
 * ledgers (the generate-ledger generator), calculates them and keeps the issued certificates, then:
 * <ul>
 * <li>single: one thread renders one PDF per certificate, after a warm-up; median wall and CPU time per
 * document, sizes;</li>
 * <li>batch: merged PDFs of 500 certificates on one thread per processor; certificates per second
 * (wall, and per CPU-second of the rendering threads) and bytes per certificate.</li>
 * </ul>
 * CPU time is printed next to wall time because a shared machine's wall time measures the others too.
 */
@Command(name = "bench-render", mixinStandardHelpOptions = true,
        description = "Benchmarks certificate PDFs: single documents (ms/doc, size) and merged batches of 500 (certificates/s).")
public class BenchRenderCommand implements Callable<Integer> {

    @Option(names = "--certificates", defaultValue = "2000", description = "distinct certificates to render (default: ${DEFAULT-VALUE})")
    int certificates;

    @Option(names = "--warmup", defaultValue = "2000", description = "single documents rendered before measuring (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--single", defaultValue = "2000", description = "single documents measured (default: ${DEFAULT-VALUE})")
    int single;

    @Option(names = "--batches", defaultValue = "4", description = "merged batches of 500 per thread, measured (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--threads", description = "threads for the batches (default: one per processor)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--year", defaultValue = "2026", description = "certificate year (default: ${DEFAULT-VALUE})")
    int year;

    private static final int BATCH = 500;

    private final Issuer issuer;
    private final CertificatePdf pdf;
    private final FontLibrary fonts;

    public BenchRenderCommand(Issuer issuer, CertificatePdf pdf, FontLibrary fonts) {
        this.issuer = issuer;
        this.pdf = pdf;
        this.fonts = fonts;
    }

    /** Renders one merged batch; returns the pages written. */
    private interface Renderer {
        int batch(List<CertificateView> views, OutputStream out) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        List<CertificateView> pool = certificates();
        int cores = Runtime.getRuntime().availableProcessors();
        int batchThreads = threads != null ? threads : cores;
        System.out.printf("bench-render: %,d November certificates from generated ledgers (seed %d); %d processors; load average %s%n",
                pool.size(), seed, cores, loadAverage());
        single(pool);
        CertificatePdf.Counts before = pdf.counts();
        OpenPdfReference reference = new OpenPdfReference(fonts.directory());
        Renderer kakekin = (views, out) -> pdf.renderBatch(views, out).pages();
        // Interleaved, so the load from the rest of the machine weighs on both alike.
        double[] ours = new double[2];
        double[] alone = new double[2];
        run(pool, batchThreads, 1, kakekin);
        run(pool, batchThreads, 1, reference::batch);
        for (int round = 0; round < 2; round++) {
            double[] a = batch("kakekin (compiled layouts)", pool, batchThreads, cores, kakekin);
            double[] b = batch("OpenPDF alone (reference)", pool, batchThreads, cores, reference::batch);
            ours[0] += a[0] / 2;
            ours[1] += a[1] / 2;
            alone[0] += b[0] / 2;
            alone[1] += b[1] / 2;
        }
        CertificatePdf.Counts after = pdf.counts();
        System.out.printf("batch summary: kakekin %,.0f certificates per CPU-second, %.2f KB/cert; OpenPDF alone %,.0f per "
                        + "CPU-second, %.2f KB/cert; ratio %.2f%n", ours[0], ours[1], alone[0], alone[1], alone[0] / ours[0]);
        System.out.printf("pages filled from compiled layouts: %,d; laid out in full: %,d %s; layouts compiled: %,d%n",
                after.filled() - before.filled(), after.fullLayoutTotal() - before.fullLayoutTotal(), after.fullLayouts(),
                after.compiled() - before.compiled());
        System.out.printf("bench-render: load average %s at the end%n", loadAverage());
        return 0;
    }

    private List<CertificateView> certificates() {
        SyntheticLedgers ledgers = new SyntheticLedgers(seed, year, SyntheticLedgers.ExportPoint.OCTOBER);
        LocalDate issuedOn = LocalDate.of(year, 11, 20);
        List<CertificateView> out = new ArrayList<>(certificates);
        for (long i = 0; out.size() < certificates; i++) {
            Ledger ledger = ledgers.ledger(i);
            if (ledger.scheme() != DocumentKind.NOVEMBER_CERTIFICATE.scheme()) {
                continue;
            }
            // Through the issuance core, as the print run issues them; a trial, so any --year may be measured.
            if (issuer.issue(ledger, DocumentKind.NOVEMBER_CERTIFICATE, year, IssueContext.run(issuedOn).asTrial(true))
                    instanceof Issuance.Issued issued && issued.view() instanceof CertificateView view) {
                out.add(view);
            }
        }
        return out;
    }

    private void single(List<CertificateView> pool) {
        for (int i = 0; i < warmup; i++) {
            pdf.render(pool.get(i % pool.size()));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[single];
        long[] cpu = new long[single];
        long[] size = new long[single];
        for (int i = 0; i < single; i++) {
            long w = System.nanoTime();
            long c = mx.getCurrentThreadCpuTime();
            size[i] = pdf.render(pool.get(i % pool.size())).length;
            cpu[i] = mx.getCurrentThreadCpuTime() - c;
            wall[i] = System.nanoTime() - w;
        }
        System.out.printf("single, 1 thread, %,d documents after %,d warm-up: median %.2f ms wall (p90 %.2f), median %.2f ms CPU "
                        + "(%.0f documents/s); size median %.1f KB, p90 %.1f KB, max %.1f KB%n", single, warmup,
                percentile(wall, 0.5) / 1e6, percentile(wall, 0.9) / 1e6, percentile(cpu, 0.5) / 1e6,
                1e9 / percentile(wall, 0.5), percentile(size, 0.5) / 1024, percentile(size, 0.9) / 1024,
                percentile(size, 1.0) / 1024);
    }

    /** @return certificates per CPU-second and KB per certificate */
    private double[] batch(String name, List<CertificateView> pool, int threads, int cores, Renderer renderer) throws Exception {
        long start = System.nanoTime();
        long[] result = run(pool, threads, batches, renderer);
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = (long) threads * batches * BATCH;
        double perCpuSecond = done / (result[1] / 1e9);
        double kb = result[0] / (double) done / 1024;
        System.out.printf("batch, %s, %d threads x %d merged PDFs of %d: %,.0f certificates/s wall; %,.0f certificates per "
                        + "CPU-second (x %d processors = %,.0f/s); %.2f KB per certificate%n", name, threads, batches, BATCH,
                done / seconds, perCpuSecond, cores, perCpuSecond * cores, kb);
        return new double[]{perCpuSecond, kb};
    }

    /** @return bytes written and CPU nanoseconds of the rendering threads */
    private long[] run(List<CertificateView> pool, int threads, int batchesPerThread, Renderer renderer) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(executor.submit(() -> {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    long c = mx.getCurrentThreadCpuTime();
                    long bytes = 0;
                    for (int b = 0; b < batchesPerThread; b++) {
                        List<CertificateView> batch = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(pool.get(((first * batchesPerThread + b) * BATCH + i) % pool.size()));
                        }
                        Counting out = new Counting();
                        int pages = renderer.batch(batch, out);
                        if (pages != BATCH) {
                            throw new IllegalStateException("certificates left out of a batch: " + (BATCH - pages));
                        }
                        bytes += out.count;
                    }
                    return new long[]{bytes, mx.getCurrentThreadCpuTime() - c};
                }));
            }
            long bytes = 0;
            long cpu = 0;
            for (Future<long[]> f : futures) {
                bytes += f.get()[0];
                cpu += f.get()[1];
            }
            return new long[]{bytes, cpu};
        } finally {
            executor.shutdown();
        }
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
