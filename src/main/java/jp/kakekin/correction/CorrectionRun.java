package jp.kakekin.correction;

import jp.kakekin.archive.IssuedDocumentArchiver;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Specimen;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.issuance.Correction;
import jp.kakekin.issuance.FiguresJson;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.render.GlyphMissingException;
import jp.kakekin.report.Exclusion;
import jp.kakekin.report.RunReport;
import jp.kakekin.store.ContractStore;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A corrections run (追加発行, docs/corrections.md): for every certificate of one issue in the register of
 * issued documents, asks the {@link Issuer} whether a corrected certificate is due — the decision is the
 * issuance core's ({@link IssueContext#correction}); this channel maps the outcome: corrected certificates
 * printed in postal-code order into merged PDFs, the manifest, the exclusions with their reason codes, the
 * summary, the register and the e-私書箱 copies.
 */
@Component
public class CorrectionRun {

    /** Certificates per merged PDF. */
    static final int BATCH_SIZE = 500;
    /** Register rows read per query. */
    private static final int PAGE = 1_000;
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final ObjectProvider<Issuer> issuer;
    private final ObjectProvider<IssuedDocuments> register;
    private final ObjectProvider<ContractStore> store;
    private final ObjectProvider<CertificatePdf> pdf;
    private final ObjectProvider<IssuedDocumentArchiver> archiver;
    private final TransactionTemplate transactions;
    private final JapanClock clock;

    public CorrectionRun(ObjectProvider<Issuer> issuer, ObjectProvider<IssuedDocuments> register,
                         ObjectProvider<ContractStore> store, ObjectProvider<CertificatePdf> pdf,
                         ObjectProvider<IssuedDocumentArchiver> archiver, PlatformTransactionManager transactions,
                         JapanClock clock) {
        this.archiver = archiver;
        this.issuer = issuer;
        this.register = register;
        this.store = store;
        this.pdf = pdf;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * @param kind          NOVEMBER_CERTIFICATE or FEBRUARY_CERTIFICATE
     * @param out           the run's folder ({@code <out>-trial} for a trial)
     * @param runDate       証明日 of the corrected certificates
     * @param dataDate      the ledger is seen as of this day ({@link Correction#defaultDataDate})
     * @param addressCutoff an operator's override of the address (default: registered on the run date), or null
     */
    public record Parameters(int year, DocumentKind kind, Path out, LocalDate runDate, LocalDate dataDate,
                             LocalDate addressCutoff, boolean trial, String run) {
        public Parameters {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(out);
            Objects.requireNonNull(runDate);
            Objects.requireNonNull(dataDate);
        }

        public Parameters(int year, DocumentKind kind, Path out, LocalDate runDate, LocalDate dataDate,
                          LocalDate addressCutoff, boolean trial) {
            this(year, kind, out, runDate, dataDate, addressCutoff, trial, null);
        }

        /** The same, registered under {@code run} ({@link CorrectionRuns#runName}: the runs list's id). */
        public Parameters withRun(String run) {
            return new Parameters(year, kind, out, runDate, dataDate, addressCutoff, trial, run);
        }

        /** Where the run writes: {@code out}, or {@code <out>-trial} for a trial. */
        public Path folder() {
            return trial ? out.resolveSibling(out.getFileName() + "-trial") : out;
        }

        /**
         * The run's name in the register ({@code run} column) and its reports: {@code corrections-run-<id>} for a
         * run of the job (the id the runs list shows and {@code runs void} takes), else e.g.
         * {@code corrections-2026-N-20261205}.
         */
        public String runId() {
            return run != null ? run : "corrections-%d-%s-%s".formatted(year,
                    kind == DocumentKind.NOVEMBER_CERTIFICATE ? "N" : "F", runDate.toString().replace("-", ""));
        }
    }

    /** A corrected certificate decided and checked, waiting to be printed. */
    private record Pending(Ledger ledger, IssuedDocument latest, Issuance.Issued issued) {
        CertificateFigures figures() {
            return (CertificateFigures) issued.figures();
        }
    }

    /** Thrown when the folder already holds a finished run (its summary is returned instead of running). */
    public static final class AlreadyRun extends RuntimeException {
        private final Path summary;

        AlreadyRun(Path summary) {
            super("the folder already holds a finished corrections run: " + summary);
            this.summary = summary;
        }

        public Path summary() {
            return summary;
        }
    }

    /**
     * Runs the corrections of one issue. The caller has checked finality ({@code Correction.invalidDataDate},
     * {@code Finality}); the Issuer checks it again for every certificate.
     *
     * @throws AlreadyRun when the folder holds a finished run (the same run again issues nothing)
     */
    public CorrectionSummary run(Parameters p, ElectronicCopies electronic) throws IOException {
        Path folder = p.folder();
        if (Files.exists(folder.resolve(RunReport.SUMMARY))) {
            throw new AlreadyRun(folder.resolve(RunReport.SUMMARY));
        }
        Files.createDirectories(folder);
        IssuedDocuments documents = register.getObject();
        ContractStore contracts = store.getObject();
        Issuer decide = issuer.getObject();
        CertificatePdf renderer = pdf.getObject();
        long considered = 0;
        long unchanged = 0;
        long[] archived = {0};
        List<Pending> pending = new ArrayList<>();
        try (RunReport<CorrectionManifestRow, Exclusion> report = RunReport.open(folder, CorrectionManifestRow.class)) {
            String after = null;
            while (true) {
                List<IssuedDocument> page = documents.latestOfIssue(p.kind(), p.year(), after, PAGE);
                for (IssuedDocument latest : page) {
                    considered++;
                    Optional<Exclusion> excluded = decide(p, latest, contracts, decide, renderer, pending);
                    if (excluded.isPresent()) {
                        if (excluded.get().reason() == ReasonCode.UNCHANGED) {
                            unchanged++;
                        } else {
                            report.exclude(excluded.get());
                        }
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.getLast().contractNo();
            }
            // Postal order, as the print run mails (区分郵便物), then contract number.
            pending.sort(Comparator.comparing((Pending x) -> nullToEmpty(x.issued().address().postalCode()))
                    .thenComparing(x -> x.ledger().contractNo()));
            List<Pending> printed = new ArrayList<>();
            long pages = 0;
            int batchNo = 0;
            for (int from = 0; from < pending.size(); from += BATCH_SIZE) {
                List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + BATCH_SIZE));
                String file = "corrections-%05d.pdf".formatted(++batchNo);
                List<DocumentView> views = batch.stream()
                        .map(x -> p.trial() ? (DocumentView) new Specimen(x.issued().view()) : x.issued().view())
                        .toList();
                Path tmp = folder.resolve(file + RunReport.TMP);
                CertificatePdf.Batch rendered;
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    rendered = renderer.renderBatch(views, o);
                }
                Map<String, CertificatePdf.Failed> failed = new LinkedHashMap<>();
                rendered.failed().forEach(f -> failed.put(f.uniqueCode().value(), f));
                int pageNo = 0;
                for (Pending x : batch) {
                    CertificatePdf.Failed f = failed.get(x.issued().uniqueCode().value());
                    if (f != null) {
                        report.exclude(new Exclusion(0, x.ledger().contractNo(), x.issued().uniqueCode().value(),
                                f.error() instanceof GlyphMissingException ? ReasonCode.GLYPH_MISSING : ReasonCode.RENDER_FAILED,
                                f.error().getMessage()));
                        continue;
                    }
                    report.manifest(row(p, file, ++pageNo, x));
                    printed.add(x);
                }
                if (rendered.pages() == 0) {
                    Files.deleteIfExists(tmp);
                    batchNo--;
                    continue;
                }
                Files.move(tmp, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (PDDocument doc = Loader.loadPDF(folder.resolve(file).toFile())) {
                    pages += doc.getNumberOfPages();
                }
            }
            ElectronicCopies.Result eDelivery = null;
            long registered = 0;
            if (!p.trial() && !printed.isEmpty()) {
                eDelivery = electronic.export(printed.stream().map(x -> new ElectronicCopies.Certificate(x.ledger(),
                        x.figures(), x.issued().uniqueCode())).toList(), p.year(), p.kind(), p.runDate(), folder);
                registered = register(p, printed, documents, renderer, archived);
            }
            long excluded = report.excluded();
            Map<String, Long> byReason = new LinkedHashMap<>();
            report.excludedByReason().forEach((r, n) -> byReason.put(r.name(), n));
            List<String> problems = new ArrayList<>();
            if (considered != printed.size() + unchanged + excluded) {
                problems.add("considered %d != corrected %d + unchanged %d + excluded %d".formatted(considered,
                        printed.size(), unchanged, excluded));
            }
            if (pages != report.manifestRows() || pages != printed.size()) {
                problems.add("pages %d, manifest rows %d, corrected %d".formatted(pages, report.manifestRows(),
                        printed.size()));
            }
            if (!p.trial() && registered != printed.size()) {
                problems.add("registered %d of %d".formatted(registered, printed.size()));
            }
            CorrectionSummary summary = new CorrectionSummary(p.runId(), p.year(), issueName(p.kind()),
                    p.runDate().toString(), p.dataDate().toString(), p.trial(), considered, printed.size(), unchanged,
                    excluded, byReason, pages, registered, archived[0], eDelivery, problems.isEmpty(), problems);
            report.finish(summary);
            return summary;
        }
    }

    private Optional<Exclusion> decide(Parameters p, IssuedDocument latest, ContractStore contracts, Issuer decide,
                                       CertificatePdf renderer, List<Pending> pending) {
        String contractNo = latest.contractNo();
        String code = latest.code().value();
        Optional<Ledger> ledger = contracts.ledger(contractNo);
        if (ledger.isEmpty()) {
            return Optional.of(new Exclusion(0, contractNo, code, ReasonCode.UNKNOWN_CONTRACT, "not in the contract store"));
        }
        FiguresJson.Printed printed;
        try {
            printed = FiguresJson.readCertificate(latest.figuresJson());
        } catch (IllegalArgumentException e) {
            return Optional.of(new Exclusion(0, contractNo, code, ReasonCode.CALCULATION_FAILED,
                    code + " in the register: " + e.getMessage()));
        }
        IssueContext context = IssueContext.correction(p.runDate(),
                new Correction(latest.original(), latest.code(), printed, p.dataDate())).asTrial(p.trial());
        if (p.addressCutoff() != null) {
            context = context.withAddressCutoff(p.addressCutoff());
        }
        Issuance outcome = decide.issue(ledger.get(), p.kind(), p.year(), context);
        return switch (outcome) {
            case Issuance.Held h -> Optional.of(new Exclusion(0, contractNo, code, ReasonCode.HELD, h.detail()));
            case Issuance.NotIssued n -> Optional.of(new Exclusion(0, contractNo, code, n.reason(), n.detail()));
            case Issuance.Issued i -> {
                try {
                    renderer.check(i.view());
                } catch (GlyphMissingException e) {
                    yield Optional.of(new Exclusion(0, contractNo, i.uniqueCode().value(), ReasonCode.GLYPH_MISSING,
                            e.getMessage()));
                } catch (CertificateRenderException e) {
                    yield Optional.of(new Exclusion(0, contractNo, i.uniqueCode().value(), ReasonCode.RENDER_FAILED,
                            e.getMessage()));
                }
                pending.add(new Pending(ledger.get(), latest, i));
                yield Optional.empty();
            }
        };
    }

    /**
     * Every printed correction into the register in one transaction, with its archive copy (docs/archive.md)
     * when archiving is on: all of them or none.
     */
    private long register(Parameters p, List<Pending> printed, IssuedDocuments documents, CertificatePdf renderer,
                          long[] archived) {
        IssuedDocumentArchiver archive = archiver.getIfAvailable();
        Long n = transactions.execute(status -> {
            long count = 0;
            for (Pending x : printed) {
                UniqueCode code = x.issued().uniqueCode();
                documents.recordCorrection(code, x.latest().code(), x.ledger().contractNo(),
                        p.kind(), p.year(), FiguresJson.write(FiguresJson.toJson(x.figures())), x.issued().address(),
                        p.runId(), p.runDate().atStartOfDay(JAPAN).toOffsetDateTime(), p.dataDate());
                if (archive != null) {
                    IssuedDocumentArchiver.Archived a = archive.archive(renderer.render(x.issued().view()), code,
                            x.figures(), x.ledger(), x.ledger().contractNo() + "-" + x.ledger().checkDigits() + " "
                                    + x.ledger().holder().name(), p.runDate());
                    documents.recordArchive(code.value(), a.key(), a.sha256());
                    archived[0]++;
                }
                count++;
            }
            return count;
        });
        return n == null ? 0 : n;
    }


    private static CorrectionManifestRow row(Parameters p, String file, int page, Pending x) {
        CertificateFigures f = x.figures();
        Address a = x.issued().address();
        UniqueCode code = x.issued().uniqueCode();
        String holder = x.issued().view() instanceof CertificateView v ? v.holderName() : x.ledger().holder().name();
        Long printedDeduction;
        try {
            printedDeduction = FiguresJson.readCertificate(x.latest().figuresJson()).deduction();
        } catch (IllegalArgumentException e) {
            printedDeduction = null;
        }
        return new CorrectionManifestRow(p.runId(), p.year(), issueName(p.kind()), file, page, x.ledger().contractNo(),
                x.ledger().checkDigits(), code.value(), code.original().value(), x.latest().code().value(),
                a.postalCode(), a.line1(), a.line2(), holder, f.monthlyPremium(), f.paid(), f.scheduled(),
                f.discountPaid(), f.deduction(), printedDeduction, p.runDate().toString(), p.dataDate().toString());
    }

    static String issueName(DocumentKind kind) {
        return kind == DocumentKind.NOVEMBER_CERTIFICATE ? "NOVEMBER" : "FEBRUARY";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    JapanClock clock() {
        return clock;
    }
}
