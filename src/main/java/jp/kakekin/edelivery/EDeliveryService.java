package jp.kakekin.edelivery;

import jp.kakekin.calc.Calculator;
import jp.kakekin.issuance.Issuer;
import org.springframework.beans.factory.ObjectProvider;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.issuance.JapanClock;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.time.LocalDate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The e-私書箱 channel as the CLI and the web see it. The signing key is loaded on first use, not at
 * start-up, so commands that never sign ({@code verify}) never touch (or generate) the keystore.
 */
@Service
public class EDeliveryService {

    private final EDeliveryProperties properties;
    private final Calculator calculator;
    private final ObjectProvider<Issuer> issuer;
    private final JapanClock clock;
    private final int maxLineBytes;
    private volatile EDeliveryExporter exporter;
    private ObjectProvider<DeliveryArchive> archive;

    public EDeliveryService(EDeliveryProperties properties, Calculator calculator, ObjectProvider<Issuer> issuer,
                            JapanClock clock, jp.kakekin.config.LedgerProperties ledger) {
        this.properties = properties;
        this.calculator = calculator;
        this.issuer = issuer;
        this.clock = clock;
        this.maxLineBytes = ledger.maxLineBytesOrDefault();
    }

    /** The archive of what is delivered (docs/archive.md); none when {@code kakekin.archive.enabled=false}. */
    @org.springframework.beans.factory.annotation.Autowired
    void archiveWith(ObjectProvider<DeliveryArchive> archive) {
        this.archive = archive;
    }

    /** A ledger file, read as every command reads one ({@code kakekin.ledger.max-line-bytes}). */
    public LedgerReader openLedger(Path input) {
        return LedgerReader.open(input, maxLineBytes);
    }

    /**
     * The exporter without the archive, and the archive on its own: the e-私書箱 run's partitions archive a
     * document only once it is known to be delivered (a contract repeated in the ledger is decided when the
     * package is assembled).
     */
    EDeliveryExporter unarchivedExporter() {
        EDeliveryExporter e = exporter();
        return new EDeliveryExporter(e.signer(), Teg850Schema.load(), e.issuer(), DeliveryArchive.NONE);
    }

    DeliveryArchive archive() {
        return archive == null ? DeliveryArchive.NONE : archive.getIfAvailable(() -> DeliveryArchive.NONE);
    }

    public EDeliveryExporter exporter() {
        EDeliveryExporter e = exporter;
        if (e == null) {
            synchronized (this) {
                e = exporter;
                if (e == null) {
                    EDeliveryProperties.Keystore ks = properties.keystore();
                    SigningKey key = SigningKeyStore.load(ks.path(), ks.password().toCharArray(), ks.alias(),
                            ks.generateIfMissing());
                    e = exporter = new EDeliveryExporter(new Teg850Signer(key), Teg850Schema.load(),
                            properties.issuerSettings(), archive == null ? DeliveryArchive.NONE
                            : archive.getIfAvailable(() -> DeliveryArchive.NONE));
                }
            }
        }
        return e;
    }

    /**
     * The issuer certificates {@code verify} checks signers against: this service's own signing certificate
     * (when its keystore exists; it is never generated for verifying) and {@code kakekin.e-delivery.trusted-issuers}.
     *
     * @param notes receives why the own certificate is missing, if it is
     */
    public List<X509Certificate> trustedIssuers(java.util.function.Consumer<String> notes) {
        List<X509Certificate> certs = new ArrayList<>();
        EDeliveryProperties.Keystore ks = properties.keystore();
        if (java.nio.file.Files.exists(ks.path())) {
            certs.add(SigningKeyStore.certificate(ks.path(), ks.password().toCharArray(), ks.alias()));
        } else {
            notes.accept("the signing keystore " + ks.path() + " (kakekin.e-delivery.keystore.path) does not exist");
        }
        for (Path p : properties.trustedIssuers()) {
            certs.add(SigningKeyStore.readCertificate(p));
        }
        return certs;
    }

    public Calculator calculator() {
        return calculator;
    }

    /** Today in Japan: the run date, 証明日 and sakuseiDay default to it, and the signing key must cover it. */
    public LocalDate today() {
        return clock.today();
    }

    /** A run from a ledger file; the package goes to {@code outDir}. */
    public RunResult exportRun(Path input, int year, DocumentKind issue, LocalDate runDate, LocalDate certifiedOn,
                               LocalDate addressCutoff, Path outDir, boolean replace) {
        LocalDate today = today();
        RunParameters run = new RunParameters(year, issue, runDate != null ? runDate : today,
                certifiedOn != null ? certifiedOn : (runDate != null ? runDate : today), today, input.toString());
        try (LedgerCandidates candidates = new LedgerCandidates(openLedger(input), issuer.getObject(), issue,
                year, addressCutoff, run.runDate())) {
            return exportRun(candidates, run, outDir, replace);
        }
    }

    /**
     * A trial of a run ({@link EDeliveryTrial}): the run report only, into {@code <outDir>-trial}; no XML is
     * signed, so it needs no signing key, and nothing is archived or registered.
     */
    public EDeliveryTrial.Result trialRun(Path input, int year, DocumentKind issue, LocalDate runDate,
                                          LocalDate certifiedOn, LocalDate addressCutoff, Path outDir) {
        LocalDate today = today();
        LocalDate dated = runDate != null ? runDate : today;
        RunParameters run = new RunParameters(year, issue, dated, certifiedOn != null ? certifiedOn : dated, today,
                input.toString());
        try (LedgerReader reader = openLedger(input)) {
            return EDeliveryTrial.run(reader, issuer.getObject(), run, addressCutoff, outDir);
        }
    }

    /** A run from any source of certificates (the print run's issue records, the store). */
    public RunResult exportRun(Iterator<? extends ExportCandidate> candidates, RunParameters run, Path outDir,
                               boolean replace) {
        EDeliveryExporter e = exporter();
        try (DeliveryPackage pkg = DeliveryPackage.create(outDir, run.packageName(), replace, clock.instant())) {
            RunSummary summary = EDeliveryRun.run(candidates, e, run, pkg);
            return new RunResult(pkg.zip(), pkg.directory(), summary);
        }
    }

    public record RunResult(Path zip, Path directory, RunSummary summary) {
    }

    /** One holder's latest certificate (or the one named), for a holder who linked after the run. */
    public ExportOutcome exportOnDemand(Ledger ledger, LocalDate asOf, DocumentKind issue, Integer year, int sequence) {
        LocalDate today = today();
        return new OnDemandExport(issuer.getObject(), exporter()).export(ledger, asOf != null ? asOf : today, issue, year,
                sequence, today);
    }
}
