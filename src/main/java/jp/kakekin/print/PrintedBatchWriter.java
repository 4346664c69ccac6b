package jp.kakekin.print;

import jp.kakekin.issuance.FiguresJson;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.report.CsvTable;
import jp.kakekin.report.Exclusion;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Publishes a rendered batch and registers it, from the documents in memory: renames its PDF to the final
 * name, writes the exclusions found while rendering, writes the issue record of every printed document to
 * the store's register (and its archive copy, docs/archive.md), then the batch's register counts and its
 * manifest part ({@link ManifestRow}, jp.kakekin.report's CSV).
 *
 * <p>The register's inserts run in the chunk's transaction (one batch per chunk), on the step's workers —
 * so registering runs on every core, beside the rendering. A batch whose transaction did not commit (a kill,
 * a database failure) is printed and registered again by the restart: its files are written again under the
 * same names, and {@link IssuedDocuments#registerRun} inserts a code only once (run + contract + document),
 * so nothing is registered twice and nothing is lost.
 */
class PrintedBatchWriter implements ItemWriter<PrintedSlice> {

    private final RunFolder folder;
    private final long runId;
    private final PrintRunParameters run;
    private final PrintRunProgress.Phase progress;
    private final IssuedDocuments register;
    private final PrintArchiver archiver;
    private final String runName;
    private final OffsetDateTime issuedAt;

    /**
     * @param register the store's register; null for a trial (nothing is registered: it never blocks the real run)
     * @param archiver makes the archive copy of each registered document; null: none
     */
    PrintedBatchWriter(RunFolder folder, long runId, PrintRunParameters run, PrintRunProgress.Phase progress,
                       IssuedDocuments register, PrintArchiver archiver) {
        this.folder = folder;
        this.runId = runId;
        this.run = run;
        this.progress = progress;
        this.register = register;
        this.archiver = archiver;
        this.runName = RunKeys.runName(runId);
        LocalDate runDate = run.runDate();
        this.issuedAt = runDate.atStartOfDay(JapanClock.ZONE).toOffsetDateTime();
    }

    @Override
    public void write(Chunk<? extends PrintedSlice> chunk) throws Exception {
        for (PrintedSlice s : chunk) {
            int b = s.batch();
            List<IssuedCertificate> placed = s.printed().placed();
            if (!placed.isEmpty()) {
                AtomicFiles.publish(s.tmpPdf(), folder.batchPdf(b));
            }
            AtomicFiles.write(folder.renderExclusions(b), os -> part(os, Exclusion.class, s.printed().failed()));
            AtomicFiles.write(folder.layoutCounts(b), os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                for (var e : new java.util.TreeMap<>(s.printed().fullLayouts()).entrySet()) {
                    w.write(e.getKey() + " " + e.getValue() + "\n");
                }
                w.flush();
            });
            register(b, placed).write(folder.registerPart(b));
            List<ManifestRow> rows = new ArrayList<>(placed.size());
            for (int i = 0; i < placed.size(); i++) {
                rows.add(ManifestRow.of(runId, run, b, i + 1, placed.get(i)));
            }
            @SuppressWarnings("unchecked")
            Class<Record> type = (Class<Record>) (Class<?>) ManifestRow.type(run.issue());
            AtomicFiles.write(folder.manifestPart(b), os -> part(os, type, rows.stream().map(r -> (Record) r).toList()));
            if (progress != null) {
                progress.add(s.printed().placed().size() + s.printed().failed().size());
            }
        }
    }

    private RegisterCounts register(int batch, List<IssuedCertificate> placed) {
        if (register == null) {
            return new RegisterCounts(0, 0, 0, 0, placed.size(), 0, 0);
        }
        if (!register.available()) {
            return new RegisterCounts(0, 0, 0, placed.size(), 0, 0, 0);
        }
        List<IssuedDocuments.RunRecord> records = new ArrayList<>(placed.size());
        for (IssuedCertificate c : placed) {
            records.add(new IssuedDocuments.RunRecord(c.uniqueCode(), c.contractNo(), c.figures().document(),
                    c.figures().year(), FiguresJson.write(FiguresJson.toJson(c.figures())), c.address()));
        }
        IssuedDocuments.RunOutcome o = register.registerRun(runName, issuedAt, records);
        long archived = 0;
        long withXml = 0;
        if (archiver != null && !placed.isEmpty()) {
            // Same transaction as the records: a batch is registered with its archive copies or not at all.
            Set<String> pending = register.toArchive(placed.stream().map(c -> c.uniqueCode().value()).toList(), runName);
            for (PrintArchiver.Archived a : archiver.archive(folder.batchPdf(batch), placed, pending, run.runDate())) {
                if (register.recordArchive(a.uniqueCode(), runName, a.key(), a.sha256())) {
                    archived++;
                    withXml += a.withXml() ? 1 : 0;
                }
            }
        }
        return new RegisterCounts(o.registered() + o.alreadyThis(), o.notInStore(), o.issuedElsewhere(), 0, 0,
                archived, withXml);
    }

    /** Writes rows as a part of a report table (no header line): jp.kakekin.report's CSV. */
    static <R extends Record> void part(OutputStream os, Class<R> type, List<? extends R> rows) throws java.io.IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        try (CsvTable<R> t = CsvTable.openPart(type, new NonClosing(w))) {
            for (R r : rows) {
                t.write(r);
            }
        }
        w.flush();
    }

    /** AtomicFiles forces and closes the file itself: the table must not close it first. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws java.io.IOException {
            out.flush();
        }
    }
}
