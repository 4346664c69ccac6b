package jp.kakekin.print;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.RunReport;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a finished run ({@code summary.json}, written by jp.kakekin.report's Jackson mapper). They
 * reconcile when {@code records == issued + excluded} and {@code issued == manifestRows == pages}.
 *
 * @param records          non-blank ledger lines read
 * @param issued           certificates printed
 * @param excluded         records not printed (every row of {@code exclusions.csv})
 * @param excludedByReason the rows of {@code exclusions.csv} by reason code ({@link ReasonCode} order)
 * @param batchFiles       batch PDFs written (a batch whose every certificate failed has none)
 * @param pages            pages in those PDFs, counted by reading them back
 * @param pdfBytes         size of the batch PDFs together
 * @param register         issue records written to the store's register ({@code registered}), and those that
 *                         could not be: {@code notInStore} (contract not imported), {@code issuedElsewhere}
 *                         (the code was registered by another channel meanwhile), {@code noStore} (no register),
 *                         {@code trial} (a trial run: printed marked 見本, never registered); then the archive
 *                         copies ({@code archived}, {@code archivedWithXml}), see {@link RegisterCounts}
 * @param problems         what did not reconcile (empty when everything did)
 * @param fullLayouts      printed pages the renderer laid out in full instead of filling a compiled layout, by
 *                         reason ({@code fallback-glyph}, {@code overflow}, …; docs/certificate-pdf.md): the others
 *                         were filled ({@code fullLayoutsByReason} in the file, beside their sum {@code fullLayoutPages})
 */
@JsonPropertyOrder({"runId", "year", "issue", "input", "out", "lines", "records", "issued", "excluded",
        "excludedByReason", "batches", "batchFiles", "manifestRows", "pages", "pdfBytes", "bytesPerCertificate",
        "register", "fullLayoutPages", "fullLayoutsByReason", "reconciled", "problems"})
@JsonIgnoreProperties(value = {"bytesPerCertificate", "fullLayoutPages", "reconciled"}, allowGetters = true)
public record RunSummary(long runId, int year, String issue, String input, String out, long lines, long records,
                         long issued, long excluded, Map<String, Long> excludedByReason, int batches, int batchFiles,
                         long manifestRows, long pages, long pdfBytes, Map<String, Long> register,
                         List<String> problems, @JsonProperty("fullLayoutsByReason") Map<String, Long> fullLayouts) {

    public RunSummary {
        excludedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(excludedByReason));
        register = Collections.unmodifiableMap(new LinkedHashMap<>(register));
        problems = List.copyOf(problems);
        fullLayouts = Collections.unmodifiableMap(new java.util.TreeMap<>(fullLayouts == null ? Map.of() : fullLayouts));
    }

    public RunSummary(long runId, int year, String issue, String input, String out, long lines, long records,
                      long issued, long excluded, Map<String, Long> excludedByReason, int batches, int batchFiles,
                      long manifestRows, long pages, long pdfBytes, Map<String, Long> register, List<String> problems) {
        this(runId, year, issue, input, out, lines, records, issued, excluded, excludedByReason, batches, batchFiles,
                manifestRows, pages, pdfBytes, register, problems, Map.of());
    }

    /** Printed pages laid out in full (not filled from a compiled layout). */
    @JsonProperty("fullLayoutPages")
    public long fullLayoutPages() {
        return fullLayouts.values().stream().mapToLong(Long::longValue).sum();
    }

    @JsonProperty("reconciled")
    public boolean reconciled() {
        return problems.isEmpty();
    }

    @JsonProperty("bytesPerCertificate")
    public long bytesPerCertificate() {
        return issued == 0 ? 0 : pdfBytes / issued;
    }

    static RunSummary read(Path file) {
        return RunReport.readSummary(file, RunSummary.class);
    }

    /** The summary as the CLI prints it. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("print run %d: %d %s, %,d records read = %,d issued + %,d excluded; %,d pages in %,d batch files (%,d bytes, %,d per certificate)%n"
                .formatted(runId, year, issue, records, issued, excluded, pages, batchFiles, pdfBytes,
                        bytesPerCertificate()));
        for (ReasonCode r : ReasonCode.values()) {
            Long n = excludedByReason.get(r.name());
            if (n != null && n > 0) {
                b.append("  excluded %-24s %,d%n".formatted(r.name(), n));
            }
        }
        if (register.getOrDefault("trial", 0L) > 0) {
            b.append("  TRIAL (見本): every page is marked not valid; nothing was registered (%,d)%n"
                    .formatted(register.get("trial")));
        } else if (register.getOrDefault("noStore", 0L) > 0) {
            b.append("  issue records: in manifest.csv only (this database has no store)%n".formatted());
        } else {
            b.append("  issue records registered in the store: %,d; contract not in the store (import the ledger): %,d%n"
                    .formatted(register.getOrDefault("registered", 0L), register.getOrDefault("notInStore", 0L)));
        }
        if (register.getOrDefault("archived", 0L) > 0) {
            b.append("  archive copies (PDF/A-3b, SHA-256 in the issue record): %,d, with the signed TEG850 XML: %,d%n"
                    .formatted(register.get("archived"), register.getOrDefault("archivedWithXml", 0L)));
        }
        if (register.getOrDefault("issuedElsewhere", 0L) > 0) {
            b.append("  WARNING: %,d printed certificates were registered meanwhile by another channel (see docs/print-run.md)%n"
                    .formatted(register.get("issuedElsewhere")));
        }
        if (fullLayoutPages() > 0) {
            b.append("  pages laid out in full instead of filled from a compiled layout: %,d %s%n"
                    .formatted(fullLayoutPages(), fullLayouts));
        }
        b.append(reconciled() ? "  counts reconcile" : "  COUNTS DO NOT RECONCILE: " + String.join("; ", problems));
        return b.toString();
    }
}
