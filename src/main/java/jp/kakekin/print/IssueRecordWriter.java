package jp.kakekin.print;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.calc.Figures;
import jp.kakekin.issuance.FiguresJson;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the issue record of every printed document to the store's register, from its manifest row:
 * unique code (sequence 00), contract, document, year, the figures as the calculator's JSON, the address
 * printed, the run ({@code print-run-<id>}) and the run date. Counts what it could not register.
 */
class IssueRecordWriter implements ItemStreamWriter<List<String>> {

    static final String REGISTERED = "register.registered";
    static final String ELSEWHERE = "register.issuedElsewhere";
    static final String NOT_IN_STORE = "register.notInStore";
    static final String NO_STORE = "register.noStore";
    static final String ARCHIVED = "register.archived";
    static final String ARCHIVED_WITH_XML = "register.archivedWithXml";
    /** Printed by a trial run: never registered. */
    static final String TRIAL = "register.trial";
    static final String[] KEYS = {REGISTERED, ELSEWHERE, NOT_IN_STORE, NO_STORE, TRIAL, ARCHIVED, ARCHIVED_WITH_XML};

    private final IssueRegister register;
    private final String run;
    private final OffsetDateTime issuedAt;
    private long registered;
    private long elsewhere;
    private long notInStore;
    private long noStore;
    private long trial;
    private long archived;
    private long archivedWithXml;
    private final PrintArchiver archiver;
    private final RunFolder folder;
    private final LocalDate runDate;

    IssueRecordWriter(IssueRegister register, long runId, LocalDate runDate) {
        this(register, runId, runDate, null, null);
    }

    /** @param archiver makes the archive copy of each registered document (docs/archive.md); null: none */
    IssueRecordWriter(IssueRegister register, long runId, LocalDate runDate, PrintArchiver archiver, RunFolder folder) {
        this.register = register;
        this.run = runName(runId);
        this.issuedAt = runDate.atStartOfDay(JapanClock.ZONE).toOffsetDateTime();
        this.archiver = archiver;
        this.folder = folder;
        this.runDate = runDate;
    }

    static String runName(long runId) {
        return "print-run-" + runId;
    }

    @Override
    public void open(ExecutionContext ctx) {
        registered = ctx.getLong(REGISTERED, 0);
        elsewhere = ctx.getLong(ELSEWHERE, 0);
        notInStore = ctx.getLong(NOT_IN_STORE, 0);
        noStore = ctx.getLong(NO_STORE, 0);
        trial = ctx.getLong(TRIAL, 0);
        archived = ctx.getLong(ARCHIVED, 0);
        archivedWithXml = ctx.getLong(ARCHIVED_WITH_XML, 0);
    }

    @Override
    public void write(Chunk<? extends List<String>> rows) {
        if (register == null) {
            trial += rows.size(); // a trial run: nothing is issued, nothing is registered
            return;
        }
        if (!register.available()) {
            noStore += rows.size();
            return;
        }
        List<IssueRegister.IssueRecord> records = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            records.add(record(row));
        }
        IssueRegister.Outcome o = register.register(records);
        registered += o.registered() + o.alreadyThis();
        elsewhere += o.issuedElsewhere();
        notInStore += o.notInStore();
        if (archiver != null) {
            // Same transaction as the records: a chunk is registered with its archive copies or not at all.
            java.util.Set<String> pending = register.toArchive(
                    rows.getItems().stream().map(r -> r.get(ManifestRow.UNIQUE_CODE)).toList(), run);
            List<? extends List<String>> toArchive = rows.getItems().stream()
                    .filter(r -> pending.contains(r.get(ManifestRow.UNIQUE_CODE))).toList();
            for (PrintArchiver.Archived a : archiver.archive(folder, toArchive, runDate)) {
                if (register.recordArchive(a.uniqueCode(), run, a.key(), a.sha256())) {
                    archived++;
                    archivedWithXml += a.withXml() ? 1 : 0;
                }
            }
        }
    }

    private IssueRegister.IssueRecord record(List<String> row) {
        UniqueCode code = new UniqueCode(row.get(ManifestRow.UNIQUE_CODE));
        Figures figures = ManifestRow.figures(row);
        Address address = ManifestRow.address(row);
        return new IssueRegister.IssueRecord(code.value(), code.original().value(), code.sequence(),
                figures.contractNo(), figures.document().name(), figures.year(),
                FiguresJson.write(FiguresJson.toJson(figures)), address.postalCode(), address.line1(), address.line2(),
                run, issuedAt);
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(REGISTERED, registered);
        ctx.putLong(ELSEWHERE, elsewhere);
        ctx.putLong(NOT_IN_STORE, notInStore);
        ctx.putLong(NO_STORE, noStore);
        ctx.putLong(TRIAL, trial);
        ctx.putLong(ARCHIVED, archived);
        ctx.putLong(ARCHIVED_WITH_XML, archivedWithXml);
    }
}
