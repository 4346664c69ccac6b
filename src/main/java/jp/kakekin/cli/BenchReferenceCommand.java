package jp.kakekin.cli;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.render.FontLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench-reference}: the OpenPDF-alone reference ({@link OpenPdfReference}) drawn for the very
 * certificates a print run of the same ledger prints, so that {@code bench-print-run} can put the run's
 * rate next to what the PDF itself costs on the same machine, in the same benchmark (issue #14's bar: the
 * print run reaches ≥ 0.6 of it). The ledger is read and every November certificate issued through the
 * issuance core first (untimed); then merged files of 500 are drawn on one thread per processor and
 * written to {@code --out}, timed from the first page to the last file closed — no JVM start, no
 * calculation, no sort, no register, no warm-up excluded either (the print run has its own warm-up). The
 * reference's figure is therefore the renderer's best case; the ratio is conservative.
 */
@Command(name = "bench-reference", mixinStandardHelpOptions = true,
        description = "Draws the OpenPDF-alone reference for the certificates of a ledger (merged files of 500, all cores) and prints its rate.")
public class BenchReferenceCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--input", required = true, description = "the ledger (JSON lines), as given to print-run")
    Path input;

    @Option(names = "--out", required = true, description = "folder for the reference's PDF files (emptied first)")
    Path out;

    @Option(names = "--year", defaultValue = "2026", description = "certificate year (default: ${DEFAULT-VALUE})")
    int year;

    @Option(names = "--run-date", defaultValue = "2026-11-13", description = "run date, as given to print-run (default: ${DEFAULT-VALUE})")
    LocalDate runDate;

    @Option(names = "--threads", description = "drawing threads (default: one per processor)")
    Integer threads;

    private static final int BATCH = 500;

    private final Issuer issuer;
    private final FontLibrary fonts;

    public BenchReferenceCommand(Issuer issuer, FontLibrary fonts) {
        this.issuer = issuer;
        this.fonts = fonts;
    }

    @Override
    public Integer call() throws Exception {
        List<CertificateView> views = new ArrayList<>();
        try (LedgerReader reader = LedgerReader.open(input)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof LedgerRecord.Valid ok
                        && ok.ledger().scheme() == DocumentKind.NOVEMBER_CERTIFICATE.scheme()
                        && issuer.issue(ok.ledger(), DocumentKind.NOVEMBER_CERTIFICATE, year,
                        IssueContext.run(runDate).asTrial(true)) instanceof Issuance.Issued issued
                        && issued.view() instanceof CertificateView view) {
                    views.add(view);
                }
            }
        }
        Files.createDirectories(out);
        try (var old = Files.newDirectoryStream(out, "ref-*.pdf")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        OpenPdfReference reference = new OpenPdfReference(fonts.directory());
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        int files = (views.size() + BATCH - 1) / BATCH;
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        long cpu = 0;
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                futures.add(executor.submit(() -> {
                    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                    long c = mx.getCurrentThreadCpuTime();
                    for (int b; (b = next.getAndIncrement()) < files; ) {
                        List<CertificateView> batch = views.subList(b * BATCH, Math.min(views.size(), (b + 1) * BATCH));
                        Path file = out.resolve("ref-%05d.pdf".formatted(b + 1));
                        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                            if (reference.batch(batch, os) != batch.size()) {
                                throw new IllegalStateException("pages left out of " + file);
                            }
                        }
                        bytes.addAndGet(Files.size(file));
                    }
                    return mx.getCurrentThreadCpuTime() - c;
                }));
            }
            for (Future<Long> f : futures) {
                cpu += f.get();
            }
        } finally {
            executor.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // One line a script can read: bench-print-run takes the rate from it.
        System.out.printf("bench-reference: %,d certificates in %,d files, %.1f s wall = %,.0f certificates/s; "
                        + "%.1f s CPU of %d drawing threads = %,.0f per CPU-second; %,d bytes per certificate%n",
                views.size(), files, seconds, views.size() / seconds, cpu / 1e9, n, views.size() / (cpu / 1e9),
                bytes.get() / Math.max(1, views.size()));
        return 0;
    }
}
