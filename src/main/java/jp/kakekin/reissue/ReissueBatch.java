package jp.kakekin.reissue;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.RunReport;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.ContractStore;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.ReissueRequests;
import jp.kakekin.store.ReissueRequests.Request;
import jp.kakekin.store.ReissueRequests.Status;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reissue-run}: prints the requests queued by the public form as one print batch — a PDF per
 * letter and a manifest — and closes them. A contract asked for several times since the last batch gets
 * one letter. Every request taken is either printed or listed with the reason it could not be; none is
 * left behind. Run one batch at a time.
 */
@Service
public class ReissueBatch {

    static final String ACTOR = "reissue-run";
    static final String MANIFEST = "manifest.csv";
    static final String EXCEPTIONS = "exceptions.csv";

    private static final DateTimeFormatter BATCH_ID = DateTimeFormatter.ofPattern("'R'uuuuMMdd'-'HHmmss");

    public record Report(String batchId, Path directory, int letters, int requests, int failed) {
    }

    private final ReissueRequests requests;
    private final ContractStore contracts;
    private final CertificateReissue reissue;
    private final IssueCalendar calendar;

    public ReissueBatch(ReissueRequests requests, ContractStore contracts, CertificateReissue reissue,
                        IssueCalendar calendar) {
        this.requests = requests;
        this.contracts = contracts;
        this.reissue = reissue;
        this.calendar = calendar;
    }

    /** summary.json of a batch: what became of the requests taken, the letters printed, the failures by reason. */
    record Summary(String batchId, int requests, int letters, int failed, java.util.Map<ReasonCode, Long> failedByReason) {
    }

    /**
     * @return the report, or empty when nothing was queued (no directory is made). The batch's report
     *         (manifest.csv, exceptions.csv, summary.json) is written by jp.kakekin.report's {@link RunReport},
     *         also when the batch fails half-way: every request closed so far is in it.
     */
    public Optional<Report> run(Path batchDirectory) {
        List<Request> queued = requests.queued();
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime started = calendar.now();
        String batchId = BATCH_ID.format(started);
        Path dir = batchDirectory.resolve(batchId);
        Map<String, List<Request>> byContract = new LinkedHashMap<>();
        for (Request r : queued) {
            byContract.computeIfAbsent(r.contractNo(), k -> new ArrayList<>()).add(r);
        }
        int letters = 0;
        int failed = 0;
        try (RunReport<ManifestLine, ExceptionLine> report = RunReport.open(dir, ManifestLine.class, MANIFEST,
                ExceptionLine.class, EXCEPTIONS)) {
            try {
                for (Map.Entry<String, List<Request>> e : byContract.entrySet()) {
                    List<Request> group = e.getValue();
                    String ids = String.join(" ", group.stream().map(r -> Long.toString(r.id())).toList());
                    Letter letter = letter(e.getKey(), group.getFirst().receivedAt(), batchId);
                    OffsetDateTime now = calendar.now();
                    if (letter.issued() == null) {
                        failed += group.size();
                        report.exclude(new ExceptionLine(ids, e.getKey(), letter.reason(), letter.detail()));
                        for (Request r : group) {
                            requests.close(r.id(), Status.FAILED, batchId, null,
                                    letter.reason() + ": " + letter.detail(), now);
                        }
                        continue;
                    }
                    letters++;
                    IssuedDocument d = letter.issued().document();
                    String file = "%05d-%s.pdf".formatted(letters, d.code().value());
                    Files.write(dir.resolve(file), letter.issued().pdf());
                    report.manifest(new ManifestLine(letters, file, d.code().value(), d.original().value(),
                            d.isReissue(), d.contractNo(), d.year(), d.kind().name(),
                            d.address() == null ? null : d.address().postalCode(), ids, sha256(letter.issued().pdf())));
                    for (Request r : group) {
                        requests.close(r.id(), Status.PRINTED, batchId, d.id(), d.code().value(), now);
                    }
                }
            } finally {
                report.finish(new Summary(batchId, queued.size(), letters, failed, report.excludedByReason()));
            }
            return Optional.of(new Report(batchId, dir, letters, queued.size(), failed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write print batch " + dir, e);
        }
    }

    private record Letter(CertificateReissue.Issued issued, ReasonCode reason, String detail) {
    }

    /**
     * The certificate the holder lost: their latest one on the day they asked. The Issuer decides (a
     * contract of the other scheme, none issued by then, not final…); this maps its reason.
     */
    private Letter letter(String contractNo, OffsetDateTime askedAt, String batchId) {
        Optional<Ledger> ledger = contracts.ledger(contractNo);
        if (ledger.isEmpty()) {
            return new Letter(null, ReasonCode.UNKNOWN_CONTRACT, "contract " + contractNo + " is no longer stored");
        }
        LocalDate asked = JapanClock.dateOf(askedAt.toInstant());
        return switch (reissue.reissueLatest(ledger.get(), asked, ACTOR, batchId)) {
            case CertificateReissue.Issued i -> new Letter(i, null, null);
            case CertificateReissue.Refused r -> new Letter(null, r.reason(), r.detail());
        };
    }

    /** One letter of the batch: manifest.csv (named columns, jp.kakekin.report). */
    record ManifestLine(int seq, String file, @JsonProperty("unique_code") String uniqueCode,
                        @JsonProperty("original_code") String originalCode, boolean reissue,
                        @JsonProperty("contract_no") String contractNo, int year, String document,
                        @JsonProperty("postal_code") String postalCode, @JsonProperty("request_ids") String requestIds,
                        String sha256) {
    }

    /** One contract whose requests produced no letter, and why (the run reports' reason codes): exceptions.csv. */
    record ExceptionLine(@JsonProperty("request_ids") String requestIds, @JsonProperty("contract_no") String contractNo,
                         ReasonCode reason, String detail) implements RunReport.Excluded {
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
