package jp.kakekin.print;

import jp.kakekin.report.RunReport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of a print batch's documents in the register of issued documents ({@code summary.json}'s
 * {@code register}): {@code registered} (now, or by this run before: a batch printed again after a kill),
 * {@code notInStore} (contract not imported), {@code issuedElsewhere} (another channel registered the code
 * meanwhile), {@code noStore} (the database has no register), {@code trial} (a trial registers nothing);
 * and the archive copies made ({@code archived}, {@code archivedWithXml}; docs/archive.md), which are not
 * issue records. Written per batch with its manifest part; the report adds them up.
 */
record RegisterCounts(long registered, long notInStore, long issuedElsewhere, long noStore, long trial, long archived,
                      long archivedWithXml) {

    static final RegisterCounts NONE = new RegisterCounts(0, 0, 0, 0, 0, 0, 0);

    RegisterCounts plus(RegisterCounts o) {
        return new RegisterCounts(registered + o.registered, notInStore + o.notInStore,
                issuedElsewhere + o.issuedElsewhere, noStore + o.noStore, trial + o.trial, archived + o.archived,
                archivedWithXml + o.archivedWithXml);
    }

    /** The issue records accounted for: every printed document is in exactly one of these. */
    long accounted() {
        return registered + notInStore + issuedElsewhere + noStore + trial;
    }

    /** As summary.json's {@code register} object, in this order. */
    Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("registered", registered);
        m.put("notInStore", notInStore);
        m.put("issuedElsewhere", issuedElsewhere);
        m.put("noStore", noStore);
        m.put("trial", trial);
        m.put("archived", archived);
        m.put("archivedWithXml", archivedWithXml);
        return m;
    }

    void write(Path file) throws IOException {
        RunReport.writeAtomically(file, RunReport.summaryBytes(this));
    }

    static RegisterCounts read(Path file) {
        return RunReport.readSummary(file, RegisterCounts.class);
    }
}
