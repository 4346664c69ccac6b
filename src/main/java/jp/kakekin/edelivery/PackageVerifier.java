package jp.kakekin.edelivery;

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

    private final Teg850Verifier verifier;

    public PackageVerifier(Teg850Verifier verifier) {
        this.verifier = verifier;
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
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
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
        } catch (IOException e) {
            checks.add(Check.fail("ZIP", "cannot read " + zip + ": " + e.getMessage()));
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

    private static Check reconcile(int delivered, List<List<String>> exclusionRows, byte[] summaryJson) {
        JsonNode s = JsonMapper.builder().build().readTree(summaryJson);
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        List<String> problems = new ArrayList<>();
        for (List<String> r : exclusionRows.subList(Math.min(1, exclusionRows.size()), exclusionRows.size())) {
            try {
                excluded.merge(ExclusionReason.valueOf(r.get(3)), 1L, Long::sum);
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
        for (ExclusionReason r : ExclusionReason.values()) {
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
