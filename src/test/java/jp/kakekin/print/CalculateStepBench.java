package jp.kakekin.print;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.Figures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.AddressRule;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.ledger.LedgerLines;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Not a test: the print run's calculate step without Spring Batch (issue #14, docs/performance.md), for
 * before/after comparisons. Reads the ledger's lines into memory (untimed), then, pass after pass, parses
 * each line ({@link LedgerReader#parseLine}) and decides its November issue as {@link CertificateProcessor}
 * does (no view, the run's address cutoff), printing the thread's CPU ms per pass and, in the last pass, a checksum
 * of the outcomes (the same before and after a change that keeps the output).
 * <p>
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) jp.kakekin.print.CalculateStepBench
 * /work/pr/ledger-100000.jsonl 8 [parse]}; {@code parse} parses only.
 */
public final class CalculateStepBench {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean parseOnly = args.length > 2 && args[2].equals("parse"); // the ledger's side alone
        int year = 2026;
        LocalDate runDate = LocalDate.of(2026, 11, 13);
        DocumentKind kind = DocumentKind.NOVEMBER_CERTIFICATE;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<LedgerLines.Line> lines = new ArrayList<>();
        for (int round = 1; round <= 3; round++) { // the reading too (LedgerLines, as the step's reader does)
            lines.clear();
            long cpu0 = threads.getCurrentThreadCpuTime();
            try (LedgerLines in = LedgerLines.open(file, LedgerLines.DEFAULT_MAX_LINE_BYTES)) {
                for (LedgerLines.Line l; (l = in.next()) != null; ) {
                    lines.add(l);
                }
            }
            System.out.printf("read %d: %,d lines, %,d CPU ms%n", round, lines.size(),
                    (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        }
        String name = file.getFileName().toString();
        Issuer issuer = new Issuer(new Calculator(), null, null, null);
        LocalDate addressCutoff = AddressRule.runDefault(kind, year, runDate);
        for (int pass = 1; pass <= passes; pass++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long check = 0;
            boolean sum = pass == passes; // the checksum's toString calls only in the last pass (not timed alike)
            for (LedgerLines.Line line : lines) {
                LedgerRecord r = LedgerReader.parseLine(name, line);
                if (parseOnly) {
                    if (sum) {
                        check = check * 31 + r.toString().hashCode();
                    }
                } else if (r instanceof LedgerRecord.Valid ok) {
                    // a new context per record, as CertificateProcessor.calculate makes it
                    IssueContext context = IssueContext.run(runDate).withAddressCutoff(addressCutoff).asTrial(false);
                    Issuance i = issuer.decide(ok.ledger(), kind, year, context);
                    if (sum) {
                        check = check * 31 + stable(i).hashCode();
                    }
                } else if (sum && r instanceof LedgerRecord.Invalid bad) {
                    check = check * 31 + bad.errors().toString().hashCode();
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("pass %d: %,d lines, %,d CPU ms, %,.0f CPU ms per 100,000 %s%n", pass,
                    lines.size(), cpu / 1_000_000, cpu / 1e6 * 100_000 / lines.size(),
                    sum ? " (with the checksum: %x)".formatted(check) : "");
        }
    }

    /** The outcome as text, its withheld reasons sorted (a Set.copyOf's order changes from one JVM to the next). */
    private static String stable(Issuance i) {
        String s = i.toString();
        Figures figures = switch (i) {
            case Issuance.Issued is -> is.figures();
            case Issuance.NotIssued n -> n.figures();
            case Issuance.Held h -> h.figures();
        };
        if (figures instanceof CertificateFigures f && f.withheld().size() > 1) {
            s = s.replace(f.withheld().toString(), new TreeSet<>(f.withheld()).toString());
        }
        return s;
    }
}
