package jp.kakekin.calculation;

import jp.kakekin.issuance.FiguresJson;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.IssueContext;
import jp.kakekin.issuance.Issuance;
import jp.kakekin.issuance.Issuer;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.ledger.LedgerLines;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code calculate}: one JSON object out per ledger record in, in input order. JSON Lines input is read
 * in chunks whose lines are decoded, parsed and calculated on all cores while the next chunks are read,
 * so memory stays bounded by the chunks in flight.
 */
public final class CalculationService {

    // Lines per task. With workers + 1 chunks in flight, 512 keeps the live set small enough that young
    // collections do not promote it (2,048 caused dozens of concurrent cycles and ~30% more CPU per line
    // under -Xmx256m; docs/performance.md).
    private static final int CHUNK = 512;

    private final Issuer issuer;
    private final int maxLineBytes;

    public CalculationService(Calculator calculator) {
        this(calculator, LedgerLines.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest ledger line read ({@code kakekin.ledger.max-line-bytes}) */
    public CalculationService(Calculator calculator, int maxLineBytes) {
        // Figures only: the issuance core decides, without views or a register.
        this.issuer = new Issuer(calculator, null, null, null);
        this.maxLineBytes = maxLineBytes;
    }

    /** The issuance core's decision failed in the calculator; the message names the contract and the error. */
    static final class CalculationFailed extends RuntimeException {
        CalculationFailed(String message) {
            super(message);
        }
    }

    /** Counts of one run. */
    public record Summary(long records, long failed) {
    }

    public ObjectNode calculate(LedgerRecord record, DocumentKind document, int year, LocalDate addressCutoff) {
        return switch (record) {
            case LedgerRecord.Invalid bad -> FiguresJson.error(bad.line(), bad.message());
            case LedgerRecord.Valid ok -> switch (issuer.decide(ok.ledger(), document, year,
                    IssueContext.preview().withAddressCutoff(addressCutoff))) {
                case Issuance.Issued i -> FiguresJson.toJson(i.figures());
                case Issuance.Held h -> FiguresJson.toJson(h.figures());
                case Issuance.NotIssued n when n.reason() == ReasonCode.OTHER_SCHEME ->
                        FiguresJson.notApplicable(ok.ledger().contractNo(), ok.ledger().scheme().name(), document.name());
                case Issuance.NotIssued n when n.figures() != null -> FiguresJson.toJson(n.figures());
                case Issuance.NotIssued n -> throw new CalculationFailed(n.detail());
            };
        };
    }

    public Summary run(Path input, Writer out, DocumentKind document, int year, LocalDate addressCutoff)
            throws IOException {
        String fileName = input.getFileName().toString();
        if (fileName.endsWith(".json")) {
            long records = 0;
            long failed = 0;
            try (LedgerReader reader = LedgerReader.open(input, maxLineBytes)) {
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
        // JSON Lines: the reading thread only splits bytes into lines (the one ledger line reader, which never
        // holds a line longer than the limit); chunks of lines are decoded, parsed,
        // calculated and turned into JSON on one worker per processor while the next chunks are read, and
        // results are written in input order. At most workers + 1 chunks are in flight, so memory stays bounded.
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "calculate-worker");
            t.setDaemon(true);
            return t;
        });
        long records = 0;
        long failed = 0;
        try (LedgerLines lines = LedgerLines.open(input, maxLineBytes)) {
            ArrayDeque<Future<String[]>> inFlight = new ArrayDeque<>();
            boolean eof = false;
            while (!eof || !inFlight.isEmpty()) {
                if (!eof && inFlight.size() <= workers) {
                    List<LedgerLines.Line> chunk = new ArrayList<>(CHUNK);
                    for (LedgerLines.Line l; chunk.size() < CHUNK && (l = lines.next()) != null; ) {
                        chunk.add(l);
                    }
                    if (chunk.size() < CHUNK) {
                        eof = true;
                    }
                    if (!chunk.isEmpty()) {
                        inFlight.add(pool.submit(() -> processChunk(fileName, chunk, document, year, addressCutoff)));
                    }
                    continue;
                }
                for (String r : await(inFlight.poll())) {
                    if (r != null) {
                        records++;
                        if (r.startsWith("{\"line\"")) {
                            failed++;
                        }
                        out.write(r);
                        out.write('\n');
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        out.flush();
        return new Summary(records, failed);
    }

    private String[] processChunk(String fileName, List<LedgerLines.Line> chunk, DocumentKind document, int year,
                                  LocalDate addressCutoff) {
        String[] results = new String[chunk.size()];
        for (int i = 0; i < results.length; i++) {
            LedgerLines.Line line = chunk.get(i);
            LedgerRecord record = LedgerReader.parseLine(fileName, line);
            if (record != null) {
                results[i] = figures(fileName, line.number(), record, document, year, addressCutoff);
            }
        }
        return results;
    }

    private static String[] await(Future<String[]> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("calculate interrupted");
        } catch (ExecutionException e) {
            // figures() turns every RuntimeException of a record into an error line; what arrives here is fatal
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private String figures(String fileName, long lineNo, LedgerRecord record, DocumentKind document, int year,
                           LocalDate addressCutoff) {
        try {
            return FiguresJson.write(calculate(record, document, year, addressCutoff));
        } catch (CalculationFailed e) {
            return FiguresJson.write(FiguresJson.error(lineNo, fileName + ":" + lineNo + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            // A rule that cannot cope with a record must not take the run down with it: report the line.
            return FiguresJson.write(FiguresJson.error(lineNo, fileName + ":" + lineNo + ": calculation failed: "
                    + jp.kakekin.ledger.Printable.of(e.toString(), jp.kakekin.ledger.Printable.MAX_MESSAGE)));
        }
    }
}
