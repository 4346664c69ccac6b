package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Publishes a rendered batch: renames its PDF to the final name, then writes the exclusions found while
 * rendering, then the batch's manifest rows — last, because the manifest part is what marks the batch
 * complete for a restart.
 */
class PrintedBatchWriter implements ItemWriter<PrintedSlice> {

    private final RunFolder folder;
    private final long runId;
    private final PrintRunParameters run;
    private final PrintRunProgress.Phase progress;

    PrintedBatchWriter(RunFolder folder, long runId, PrintRunParameters run, PrintRunProgress.Phase progress) {
        this.folder = folder;
        this.runId = runId;
        this.run = run;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends PrintedSlice> chunk) throws Exception {
        for (PrintedSlice s : chunk) {
            int b = s.batch();
            List<IssuedCertificate> placed = s.printed().placed();
            if (!placed.isEmpty()) {
                AtomicFiles.publish(s.tmpPdf(), folder.batchPdf(b));
            }
            AtomicFiles.write(folder.renderExclusions(b), os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                for (Exclusion e : s.printed().failed()) {
                    w.write(e.toCsv());
                }
                w.flush();
            });
            AtomicFiles.write(folder.layoutCounts(b), os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                for (var e : new java.util.TreeMap<>(s.printed().fullLayouts()).entrySet()) {
                    w.write(e.getKey() + " " + e.getValue() + "\n");
                }
                w.flush();
            });
            AtomicFiles.write(folder.manifestPart(b), os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                for (int i = 0; i < placed.size(); i++) {
                    w.write(ManifestRow.csv(runId, run, b, i + 1, placed.get(i)));
                }
                w.flush();
            });
            if (progress != null) {
                progress.add(s.printed().placed().size() + s.printed().failed().size());
            }
        }
    }
}
