package jp.kakekin.print;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a finished run ({@code summary.json}). They reconcile when
 * {@code records == issued + excluded} and {@code issued == manifestRows == pages}.
 *
 * @param records          non-blank ledger lines read
 * @param issued           certificates printed
 * @param excluded         records not printed (every row of {@code exclusions.csv})
 * @param batchFiles       batch PDFs written (a batch whose every certificate failed has none)
 * @param pages            pages in those PDFs, counted by reading them back
 * @param pdfBytes         size of the batch PDFs together
 * @param register         issue records written to the store's register ({@code registered}), and those that
 *                         could not be: {@code notInStore} (contract not imported), {@code issuedElsewhere}
 *                         (the code was registered by another channel meanwhile), {@code noStore} (no register),
 *                         {@code trial} (a trial run: printed marked 見本, never registered)
 * @param problems         what did not reconcile (empty when everything did)
 * @param fullLayouts      printed pages the renderer laid out in full instead of filling a compiled layout, by
 *                         reason ({@code fallback-glyph}, {@code overflow}, …; docs/certificate-pdf.md): the others
 *                         were filled
 */
public record RunSummary(long runId, int year, String issue, String input, String out, long lines, long records,
                         long issued, long excluded, Map<String, Long> excludedByReason, int batches, int batchFiles,
                         long manifestRows, long pages, long pdfBytes, Map<String, Long> register,
                         List<String> problems, Map<String, Long> fullLayouts) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> REGISTER_KEYS = List.of("registered", "notInStore", "issuedElsewhere", "noStore", "trial",
            "archived", "archivedWithXml");

    public RunSummary {
        excludedByReason = Map.copyOf(excludedByReason);
        register = Map.copyOf(register);
        problems = List.copyOf(problems);
        fullLayouts = Map.copyOf(fullLayouts);
    }

    public RunSummary(long runId, int year, String issue, String input, String out, long lines, long records,
                      long issued, long excluded, Map<String, Long> excludedByReason, int batches, int batchFiles,
                      long manifestRows, long pages, long pdfBytes, Map<String, Long> register, List<String> problems) {
        this(runId, year, issue, input, out, lines, records, issued, excluded, excludedByReason, batches, batchFiles,
                manifestRows, pages, pdfBytes, register, problems, Map.of());
    }

    /** Printed pages laid out in full (not filled from a compiled layout). */
    public long fullLayoutPages() {
        return fullLayouts.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean reconciled() {
        return problems.isEmpty();
    }

    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("runId", runId);
        o.put("year", year);
        o.put("issue", issue);
        o.put("input", input);
        o.put("out", out);
        o.put("lines", lines);
        o.put("records", records);
        o.put("issued", issued);
        o.put("excluded", excluded);
        ObjectNode by = o.putObject("excludedByReason");
        for (ExclusionReason r : ExclusionReason.values()) {
            if (excludedByReason.containsKey(r.name())) {
                by.put(r.name(), excludedByReason.get(r.name()));
            }
        }
        o.put("batches", batches);
        o.put("batchFiles", batchFiles);
        o.put("manifestRows", manifestRows);
        o.put("pages", pages);
        o.put("pdfBytes", pdfBytes);
        o.put("bytesPerCertificate", issued == 0 ? 0 : pdfBytes / issued);
        ObjectNode reg = o.putObject("register");
        for (String k : REGISTER_KEYS) {
            reg.put(k, register.getOrDefault(k, 0L));
        }
        o.put("fullLayoutPages", fullLayoutPages());
        ObjectNode full = o.putObject("fullLayoutsByReason");
        new java.util.TreeMap<>(fullLayouts).forEach(full::put);
        o.put("reconciled", reconciled());
        var p = o.putArray("problems");
        problems.forEach(p::add);
        return o;
    }

    byte[] toJsonBytes() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
    }

    static RunSummary fromJson(JsonNode o) {
        Map<String, Long> by = new LinkedHashMap<>();
        o.path("excludedByReason").properties().forEach(e -> by.put(e.getKey(), e.getValue().asLong()));
        List<String> problems = new java.util.ArrayList<>();
        o.path("problems").forEach(n -> problems.add(n.asString()));
        Map<String, Long> register = new LinkedHashMap<>();
        o.path("register").properties().forEach(e -> register.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> full = new LinkedHashMap<>();
        o.path("fullLayoutsByReason").properties().forEach(e -> full.put(e.getKey(), e.getValue().asLong()));
        return new RunSummary(o.path("runId").asLong(), o.path("year").asInt(), o.path("issue").asString(),
                o.path("input").asString(), o.path("out").asString(), o.path("lines").asLong(), o.path("records").asLong(),
                o.path("issued").asLong(), o.path("excluded").asLong(), by, o.path("batches").asInt(),
                o.path("batchFiles").asInt(), o.path("manifestRows").asLong(), o.path("pages").asLong(),
                o.path("pdfBytes").asLong(), register, problems, full);
    }

    static RunSummary read(java.nio.file.Path file) {
        return fromJson(JSON.readTree(file.toFile()));
    }

    /** The summary as the CLI prints it. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("print run %d: %d %s, %,d records read = %,d issued + %,d excluded; %,d pages in %,d batch files (%,d bytes, %,d per certificate)%n"
                .formatted(runId, year, issue, records, issued, excluded, pages, batchFiles, pdfBytes,
                        issued == 0 ? 0 : pdfBytes / issued));
        for (ExclusionReason r : ExclusionReason.values()) {
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
                    .formatted(fullLayoutPages(), new java.util.TreeMap<>(fullLayouts)));
        }
        b.append(reconciled() ? "  counts reconcile" : "  COUNTS DO NOT RECONCILE: " + String.join("; ", problems));
        return b.toString();
    }
}
