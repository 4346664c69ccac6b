package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.batch.LedgerLine;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * One ledger line of an e-私書箱 run: parsed with the checks of every command, decided by the issuance core
 * ({@link Issuer}), then signed or excluded by the exporter — the same path as {@link EDeliveryRun}.
 */
class ExportProcessor implements ItemProcessor<LedgerLine, StagedOutcome> {

    private final Issuer issuer;
    private final EDeliveryExporter exporter;
    private final EDeliveryRunParameters run;
    private final IssueContext context;
    private final String fileName;

    private final DeliveryArchive archive;
    private final java.util.Set<String> repeated;

    /**
     * @param exporter without an archive: this archives a delivered document itself, unless its contract is
     *                 in {@code repeated} (the assemble step archives the one that is delivered)
     */
    ExportProcessor(Issuer issuer, EDeliveryExporter exporter, DeliveryArchive archive, java.util.Set<String> repeated,
                    EDeliveryRunParameters run) {
        this.archive = archive;
        this.repeated = repeated;
        this.issuer = issuer;
        this.exporter = exporter;
        this.run = run;
        this.context = IssueContext.run(run.runDate()).withAddressCutoff(run.addressCutoff());
        this.fileName = run.input().getFileName().toString();
    }

    @Override
    public StagedOutcome process(LedgerLine item) {
        ExportCandidate candidate = switch (LedgerReader.parseLine(fileName, item.raw())) {
            case LedgerRecord.Invalid bad -> new ExportCandidate.Rejected(bad.line(), bad.contractNo(),
                    ReasonCode.INVALID_LEDGER_LINE, bad.message());
            case LedgerRecord.Valid ok -> LedgerCandidates.candidate(issuer, run.issue(), run.year(), context, fileName,
                    ok.line(), ok.ledger());
        };
        ExportOutcome outcome = exporter.export(candidate, run.runDate(), run.certifiedOn(), run.sakuseiDay());
        boolean archived = true;
        if (outcome instanceof ExportOutcome.Delivered d) {
            if (repeated.contains(d.contractNo())) {
                archived = false;
            } else {
                archive.archive(d); // before the document can leave, as EDeliveryExporter does
            }
        }
        return StagedOutcome.of(outcome, candidate instanceof ExportCandidate.Certificate, archived);
    }
}
