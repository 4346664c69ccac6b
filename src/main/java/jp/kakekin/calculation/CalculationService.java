package jp.kakekin.calculation;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code calculate}: one JSON object out per ledger record in, in input order. JSON Lines input is read
 * in chunks whose lines are parsed and calculated on all cores, so memory stays bounded by the chunk.
 */
public final class CalculationService {

    private static final int CHUNK = 2_048;

    private final Calculator calculator;

    public CalculationService(Calculator calculator) {
        this.calculator = calculator;
    }

    /** Counts of one run. */
    public record Summary(long records, long failed) {
    }

    public ObjectNode calculate(LedgerRecord record, DocumentKind document, int year, LocalDate addressCutoff) {
        return switch (record) {
            case LedgerRecord.Invalid bad -> FiguresJson.error(bad.line(), bad.message());
            case LedgerRecord.Valid ok -> {
                if (ok.ledger().scheme() != document.scheme()) {
                    yield FiguresJson.notApplicable(ok.ledger().contractNo(), ok.ledger().scheme().name(), document.name());
                }
                yield FiguresJson.toJson(calculator.calculate(document, ok.ledger(), year, addressCutoff));
            }
        };
    }

    public Summary run(Path input, Writer out, DocumentKind document, int year, LocalDate addressCutoff)
            throws IOException {
        String fileName = input.getFileName().toString();
        if (fileName.endsWith(".json")) {
            long records = 0;
            long failed = 0;
            try (LedgerReader reader = LedgerReader.open(input)) {
                while (reader.hasNext()) {
                    LedgerRecord r = reader.next();
                    records++;
                    failed += r instanceof LedgerRecord.Invalid ? 1 : 0;
                    out.write(FiguresJson.write(calculate(r, document, year, addressCutoff)));
                    out.write('\n');
                }
            }
            return new Summary(records, failed);
        }
        long records = 0;
        long failed = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            List<String> lines = new ArrayList<>(CHUNK);
            long firstLine = 1;
            long lineNo = 0;
            String line;
            boolean eof = false;
            while (!eof) {
                line = in.readLine();
                if (line == null) {
                    eof = true;
                } else {
                    lineNo++;
                    lines.add(line);
                }
                if (lines.size() == CHUNK || (eof && !lines.isEmpty())) {
                    long base = firstLine;
                    List<String> chunk = lines;
                    String[] results = IntStream.range(0, chunk.size()).parallel()
                            .mapToObj(i -> process(fileName, base + i, chunk.get(i), document, year, addressCutoff))
                            .toArray(String[]::new);
                    for (String r : results) {
                        if (r != null) {
                            records++;
                            if (r.startsWith("{\"line\"")) {
                                failed++;
                            }
                            out.write(r);
                            out.write('\n');
                        }
                    }
                    firstLine = lineNo + 1;
                    lines = new ArrayList<>(CHUNK);
                }
            }
        }
        out.flush();
        return new Summary(records, failed);
    }

    private String process(String fileName, long lineNo, String line, DocumentKind document, int year,
                           LocalDate addressCutoff) {
        if (line.isBlank()) {
            return null;
        }
        LedgerRecord record = lineNo == 1 && line.charAt(0) == '\uFEFF'
                ? new LedgerRecord.Invalid(lineNo, List.of(new LedgerError(fileName, lineNo, "(file)",
                        "starts with a byte-order mark; JSON Lines must be UTF-8 without BOM")), null)
                : LedgerReader.parseLine(fileName, lineNo, line);
        try {
            return FiguresJson.write(calculate(record, document, year, addressCutoff));
        } catch (RuntimeException e) {
            // A rule that cannot cope with a record must not take the run down with it: report the line.
            return FiguresJson.write(FiguresJson.error(lineNo, fileName + ":" + lineNo + ": calculation failed: " + e));
        }
    }
}
