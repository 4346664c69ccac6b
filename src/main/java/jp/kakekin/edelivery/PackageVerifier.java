package jp.kakekin.edelivery;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.edelivery.Teg850Verification.Check;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a delivery package as its recipient would: every XML validates and verifies, the manifest lists
 * each XML exactly once with its true SHA-256, contract number and unique code, and the summary's counts
 * agree with the manifest and the exclusions.
 */
public final class PackageVerifier {

    /**
     * What a package may hold before the verifier stops reading it: a ZIP is read into memory, so a zip
     * bomb (a few MB that inflate to gigabytes, or millions of entries) must end as a failed check, not as
     * an OutOfMemoryError. A real package is one XML of about 5 KB per delivered certificate plus three
     * small files, compressed about 5:1.
     *
     * @param maxEntries    entries in the ZIP
     * @param maxEntryBytes uncompressed bytes of one entry (an XML is further limited to
     *                      {@link Teg850Verifier#MAX_DOCUMENT_BYTES})
     * @param maxTotalBytes uncompressed bytes of all entries together
     * @param maxRatio      uncompressed bytes per compressed byte read, over the whole archive
     */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {
        public static final Limits DEFAULT = new Limits(200_000, 64L << 20, 1L << 30, 100);
    }

    private final Teg850Verifier verifier;
    private final Limits limits;

    public PackageVerifier(Teg850Verifier verifier) {
        this(verifier, Limits.DEFAULT);
    }

    public PackageVerifier(Teg850Verifier verifier, Limits limits) {
        this.verifier = verifier;
        this.limits = limits;
    }

    /** A ZIP that breaks one of the {@link Limits}: reading stops at once. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /** Counts the compressed bytes the inflater has taken from the file, for the ratio check. */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    public record Result(List<Teg850Verification> documents, List<Check> checks) {
        public boolean ok() {
            return documents.stream().allMatch(Teg850Verification::ok) && checks.stream().allMatch(Check::ok);
        }
    }

    public Result verify(Path zip) {
        Map<String, byte[]> xml = new LinkedHashMap<>();
        byte[] manifest = null;
        byte[] exclusions = null;
        byte[] summary = null;
        List<Check> checks = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Counting compressed;
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(compressed = new Counting(
                new java.io.BufferedInputStream(Files.newInputStream(zip))))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (++entries > limits.maxEntries()) {
                    throw new TooLarge("more than %,d entries".formatted(limits.maxEntries()));
                }
                long max = e.getName().endsWith(".xml") ? Teg850Verifier.MAX_DOCUMENT_BYTES : limits.maxEntryBytes();
                byte[] bytes = read(in, e.getName(), max, total, compressed);
                total += bytes.length;
                switch (e.getName()) {
                    case DeliveryPackage.MANIFEST -> manifest = bytes;
                    case DeliveryPackage.EXCLUSIONS -> exclusions = bytes;
                    case DeliveryPackage.SUMMARY -> summary = bytes;
                    default -> {
                        if (e.getName().endsWith(".xml") && !e.getName().contains("/")) {
                            if (xml.put(e.getName(), bytes) != null) {
                                unexpected.add(e.getName() + " (twice)");
                            }
                        } else {
                            unexpected.add(e.getName());
                        }
                    }
                }
            }
        } catch (TooLarge e) {
            checks.add(Check.fail("ZIP", zip.getFileName() + ": not read: " + e.getMessage()
                    + " (a delivery package is never that large; a zip bomb?)"));
            return new Result(List.of(), checks);
        } catch (IOException | IllegalArgumentException e) {
            checks.add(Check.fail("ZIP", "cannot read " + zip.getFileName() + ": " + e.getMessage()));
            return new Result(List.of(), checks);
        }
        checks.add(unexpected.isEmpty() ? Check.pass("ZIP entries", xml.size() + " XML documents + manifest")
                : Check.fail("ZIP entries", "unexpected entries " + unexpected));

        List<Teg850Verification> documents = xml.entrySet().parallelStream()
                .map(e -> verifier.verify(e.getKey(), e.getValue())).toList();
        Map<String, Teg850Verification> byName = new HashMap<>();
        documents.forEach(v -> byName.put(v.source(), v));

        if (manifest == null || exclusions == null || summary == null) {
            checks.add(Check.fail("manifest", "missing " + (manifest == null ? DeliveryPackage.MANIFEST + " " : "")
                    + (exclusions == null ? DeliveryPackage.EXCLUSIONS + " " : "")
                    + (summary == null ? DeliveryPackage.SUMMARY : "")));
            return new Result(documents, checks);
        }
        List<List<String>> rows = Csv.parse(new String(manifest, StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        if (rows.isEmpty() || !String.join(",", rows.getFirst()).equals(DeliveryPackage.MANIFEST_HEADER)) {
            problems.add("manifest header is not " + DeliveryPackage.MANIFEST_HEADER);
        } else {
            Map<String, Integer> listed = new HashMap<>();
            for (List<String> r : rows.subList(1, rows.size())) {
                if (r.size() != 4) {
                    problems.add("malformed manifest row " + r);
                    continue;
                }
                String file = r.get(0);
                listed.merge(file, 1, Integer::sum);
                byte[] bytes = xml.get(file);
                if (bytes == null) {
                    problems.add(file + " is listed but not in the ZIP");
                    continue;
                }
                if (!EDeliveryExporter.sha256(bytes).equals(r.get(3))) {
                    problems.add(file + ": SHA-256 differs from the manifest");
                }
                Teg850Certificate c = byName.get(file).certificate();
                if (c == null || !c.contractNumber().startsWith(r.get(1)) || !c.uniqueCode().equals(r.get(2))) {
                    problems.add(file + ": contractNo/uniqueCode differ from the document's WPE/WPP");
                }
            }
            listed.forEach((f, n) -> {
                if (n > 1) {
                    problems.add(f + " is listed " + n + " times");
                }
            });
            xml.keySet().stream().filter(f -> !listed.containsKey(f)).forEach(f -> problems.add(f + " is not in the manifest"));
        }
        checks.add(problems.isEmpty() ? Check.pass("manifest", (rows.size() - 1) + " rows: every XML listed once, SHA-256, contractNo and uniqueCode match")
                : Check.fail("manifest", String.join("; ", problems)));
        checks.add(reconcile(rows.size() - 1, Csv.parse(new String(exclusions, StandardCharsets.UTF_8)), summary));
        return new Result(documents, checks);
    }

    /** One entry's bytes, never more than {@code max} of them, stopping as soon as a limit is broken. */
    private byte[] read(ZipInputStream in, String name, long max, long totalBefore, Counting compressed)
            throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
            n += r;
            if (n > max) {
                throw new TooLarge("entry %s inflates to more than %,d bytes".formatted(name, max));
            }
            if (totalBefore + n > limits.maxTotalBytes()) {
                throw new TooLarge("the entries inflate to more than %,d bytes in all".formatted(limits.maxTotalBytes()));
            }
            // a little slack: small entries compress badly, and the inflater reads ahead
            if (totalBefore + n > (long) limits.maxRatio() * compressed.count + (1 << 20)) {
                throw new TooLarge("entry %s inflates more than %d:1".formatted(name, limits.maxRatio()));
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    private static Check reconcile(int delivered, List<List<String>> exclusionRows, byte[] summaryJson) {
        JsonNode s;
        try {
            s = JsonMapper.builder().build().readTree(summaryJson);
        } catch (tools.jackson.core.JacksonException e) {
            return Check.fail("reconciliation", DeliveryPackage.SUMMARY + " is not JSON: "
                    + jp.kakekin.ledger.Printable.of(e.getOriginalMessage()));
        }
        if (s == null || !s.isObject()) {
            return Check.fail("reconciliation", DeliveryPackage.SUMMARY + " is not a JSON object");
        }
        Map<ReasonCode, Long> excluded = new EnumMap<>(ReasonCode.class);
        List<String> problems = new ArrayList<>();
        for (List<String> r : exclusionRows.subList(Math.min(1, exclusionRows.size()), exclusionRows.size())) {
            try {
                excluded.merge(ReasonCode.valueOf(r.get(3)), 1L, Long::sum);
            } catch (RuntimeException e) {
                problems.add("malformed exclusion row " + r);
            }
        }
        long excludedTotal = excluded.values().stream().mapToLong(Long::longValue).sum();
        if (s.path("delivered").asLong(-1) != delivered) {
            problems.add("summary says " + s.path("delivered") + " delivered, the manifest lists " + delivered);
        }
        if (s.path("records").asLong(-1) != delivered + excludedTotal) {
            problems.add("summary says " + s.path("records") + " records; delivered + excluded = " + (delivered + excludedTotal));
        }
        for (ReasonCode r : ReasonCode.values()) {
            long inSummary = s.path("excluded").path(r.name()).asLong(0);
            if (inSummary != excluded.getOrDefault(r, 0L)) {
                problems.add(r + ": summary " + inSummary + ", exclusions.csv " + excluded.getOrDefault(r, 0L));
            }
        }
        return problems.isEmpty() ? Check.pass("reconciliation", "records " + s.path("records") + " = delivered "
                + delivered + " + excluded " + excludedTotal + " " + excluded + "; issued on paper " + s.path("issued"))
                : Check.fail("reconciliation", String.join("; ", problems));
    }

    /** The CSV the package writes: comma-separated, fields with , " or line breaks in double quotes. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                    any = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                    any = true;
                } else if (ch == '\n') {
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                } else {
                    field.append(ch);
                    any = true;
                }
            }
            if (any) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
