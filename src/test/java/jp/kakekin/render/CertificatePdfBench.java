package jp.kakekin.render;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The renderer's benchmark (not a test; figures go to docs/performance.md). Run from the project root:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) jp.kakekin.render.CertificatePdfBench
 * </pre>
 * Single: one thread renders the public cases' certificates one PDF at a time, after a warm-up; median
 * wall and CPU time per document and median size. Batch: merged PDFs of 500 certificates on as many
 * threads as cores; certificates per second and bytes per certificate. CPU time is reported next to
 * wall time because the benchmark machine is shared: CPU time is what the renderer itself costs.
 */
public final class CertificatePdfBench {

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        List<CertificateView> views = views();
        CertificatePdf pdf = Certificates.pdf();
        System.out.printf("%d distinct certificates (public cases, November and February); %d cores; load average %s%n",
                views.size(), Runtime.getRuntime().availableProcessors(), loadAverage());

        single(pdf, views, warmup, measured);
        batch(pdf, views, batches, threads);
    }

    private static void single(CertificatePdf pdf, List<CertificateView> views, int warmup, int measured) {
        for (int i = 0; i < warmup; i++) {
            pdf.render(views.get(i % views.size()));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[measured];
        long[] cpu = new long[measured];
        long[] size = new long[measured];
        for (int i = 0; i < measured; i++) {
            long w = System.nanoTime();
            long c = mx.getCurrentThreadCpuTime();
            size[i] = pdf.render(views.get(i % views.size())).length;
            cpu[i] = mx.getCurrentThreadCpuTime() - c;
            wall[i] = System.nanoTime() - w;
        }
        System.out.printf("single, 1 thread, %d docs after %d warm-up: median %.2f ms wall (p90 %.2f), %.2f ms CPU; "
                        + "median size %.1f KB (max %.1f KB)%n", measured, warmup, median(wall) / 1e6, percentile(wall, 0.9) / 1e6,
                median(cpu) / 1e6, median(size) / 1024.0, Arrays.stream(size).max().orElse(0) / 1024.0);
    }

    private static void batch(CertificatePdf pdf, List<CertificateView> views, int batchesPerThread, int threads)
            throws Exception {
        List<CertificateView> batch = new ArrayList<>(500);
        for (int i = 0; i < 500; i++) {
            batch.add(views.get(i % views.size()));
        }
        // Warm-up: one batch per thread.
        run(pdf, batch, threads, 1);
        long start = System.nanoTime();
        long[] result = run(pdf, batch, threads, batchesPerThread);
        double seconds = (System.nanoTime() - start) / 1e9;
        long certificates = (long) threads * batchesPerThread * batch.size();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("batch, %d threads x %d merged PDFs of %d: %.0f certificates/s wall, %.0f certificates per CPU-second "
                        + "(x%d cores = %.0f/s); %.2f KB per certificate%n", threads, batchesPerThread, batch.size(),
                certificates / seconds, certificates / (result[1] / 1e9), cores, cores * certificates / (result[1] / 1e9),
                result[0] / (double) certificates / 1024.0);
    }

    /** @return total bytes written and total CPU nanoseconds of the rendering threads */
    private static long[] run(CertificatePdf pdf, List<CertificateView> batch, int threads, int batchesPerThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    long c = mx.getCurrentThreadCpuTime();
                    long bytes = 0;
                    for (int b = 0; b < batchesPerThread; b++) {
                        CountingStream out = new CountingStream();
                        CertificatePdf.Batch result = pdf.renderBatch(batch, out);
                        if (result.pages() != batch.size()) {
                            throw new IllegalStateException("batch lost certificates: " + result.failed());
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
            pool.shutdown();
        }
    }

    private static List<CertificateView> views() {
        List<CertificateView> views = new ArrayList<>();
        for (Certificates.Case c : Certificates.cases()) {
            for (DocumentKind kind : new DocumentKind[]{DocumentKind.NOVEMBER_CERTIFICATE, DocumentKind.FEBRUARY_CERTIFICATE}) {
                if (c.issued(kind)) {
                    views.add(Certificates.view(c, kind, 0));
                }
            }
        }
        return views;
    }

    private static double median(long[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static final class CountingStream extends OutputStream {
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
