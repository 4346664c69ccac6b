package jp.kakekin.edelivery;

import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.report.Exclusion;
import jp.kakekin.report.RunReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial e-私書箱 run ({@code export-e-delivery --trial}, issue #10): the same decisions as the real run —
 * each record through the issuance core ({@link Issuer}, in a trial context, so figures need not be final),
 * the e-私書箱 checks of {@link EDeliveryEligibility}, the duplicate check across the run — but only the run
 * report: {@code manifest.csv} (who would get which certificate with which 控除額), {@code exclusions.csv}
 * and {@code summary.json} with {@code "trial": true}. No TEG850 is built or signed, nothing is archived or
 * registered, and no job is started (the runs list does not show it): a signed TEG850 carrying figures that
 * are not final must not exist, while the report lets an operator check the run before the cutoff.
 */
public final class EDeliveryTrial {

    private EDeliveryTrial() {
    }

    /** One certificate the real run would deliver, if the figures stayed as they are now. */
    public record TrialRow(long line, String contractNo, String uniqueCode, Long deduction, long paid) {
    }

    /** What the trial found; {@code delivered} is what the real run would deliver. */
    public record Result(Path directory, long records, long issued, long delivered, Map<ReasonCode, Long> excluded) {

        public long excludedTotal() {
            return excluded.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean reconciles() {
            return records == delivered + excludedTotal();
        }
    }

    /** The folder of a trial of a run into {@code out}: {@code <out>-trial/<package name>} (a print run's convention). */
    public static Path directory(Path out, RunParameters run) {
        return trialFolder(out).resolve(run.packageName());
    }

    public static Path trialFolder(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + "-trial");
    }

    /**
     * Runs the trial of {@code run} over {@code reader} into {@link #directory} (an earlier trial's report is
     * replaced).
     *
     * @param addressCutoff null for the issue's own rule
     */
    public static Result run(LedgerReader reader, Issuer issuer, RunParameters run, java.time.LocalDate addressCutoff,
                             Path out) {
        Path dir = directory(out, run);
        IssueContext context = IssueContext.run(run.runDate()).withAddressCutoff(addressCutoff).asTrial(true);
        EDeliveryRun.Seen seen = new EDeliveryRun.Seen();
        long records = 0;
        long issued = 0;
        try (RunReport<TrialRow, Exclusion> report = RunReport.open(dir, TrialRow.class)) {
            while (reader.hasNext()) {
                records++;
                ExportCandidate c = switch (reader.next()) {
                    case LedgerRecord.Invalid bad -> new ExportCandidate.Rejected(bad.line(), bad.contractNo(),
                            ReasonCode.INVALID_LEDGER_LINE, bad.message());
                    case LedgerRecord.Valid ok -> LedgerCandidates.candidate(issuer, run.issue(), run.year(), context,
                            reader.fileName(), ok.line(), ok.ledger());
                };
                if (c instanceof ExportCandidate.Certificate cert && !seen.add(cert.contractNo())) {
                    c = new ExportCandidate.Rejected(c.line(), c.contractNo(), ReasonCode.DUPLICATE_CONTRACT,
                            "contract " + c.contractNo() + " came earlier in the run");
                }
                switch (c) {
                    case ExportCandidate.Rejected r ->
                            report.exclude(new Exclusion(r.line(), r.contractNo(), null, r.reason(), r.detail()));
                    case ExportCandidate.Certificate cert -> {
                        String code = cert.code().value();
                        var refusal = EDeliveryEligibility.check(cert.ledger(), cert.figures(), run.runDate());
                        if (cert.figures().issued()) {
                            issued++;
                        }
                        if (refusal.isPresent()) {
                            report.exclude(new Exclusion(cert.line(), cert.contractNo(),
                                    cert.figures().issued() ? code : null, refusal.get().reason(), refusal.get().detail()));
                        } else {
                            report.manifest(new TrialRow(cert.line(), cert.contractNo(), code,
                                    cert.figures().deduction(), cert.figures().paid()));
                        }
                    }
                }
            }
            Result result = new Result(dir, records, issued, report.manifestRows(), report.excludedByReason());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("trial", true);
            json.put("note", "a trial: what the run would deliver with today's figures; no TEG850 was made or signed, "
                    + "nothing archived or registered");
            json.put("year", run.year());
            json.put("issue", run.issue().name());
            json.put("runDate", run.runDate().toString());
            json.put("certifiedOn", run.certifiedOn().toString());
            json.put("source", run.source());
            json.put("records", records);
            json.put("issued", issued);
            json.put("delivered", result.delivered());
            Map<String, Long> excluded = new LinkedHashMap<>();
            result.excluded().forEach((k, v) -> excluded.put(k.name(), v));
            json.put("excluded", excluded);
            json.put("reconciles", result.reconciles());
            report.finish(json);
            return result;
        }
    }
}
