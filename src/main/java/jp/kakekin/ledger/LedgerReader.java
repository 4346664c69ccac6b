package jp.kakekin.ledger;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams ledger records out of a JSON Lines file (one object per line) or a JSON file (one object, or
 * an array of objects), one at a time, so a file of millions of lines is never held in memory.
 * Every record comes out, valid or not: a bad line is reported with its line number, never dropped.
 * <p>
 * The lines come from {@link LedgerLines}, the one line reader of every command; each line is then checked
 * the same way everywhere ({@link #parseLine(String, LedgerLines.Line)}): not longer than the limit, no
 * byte-order mark, strict UTF-8 (an overlong {@code C0 AF} is not a "/"), JSON without duplicate keys
 * (which one would win is a guess), then the ledger's own rules.
 */
public final class LedgerReader implements Iterator<LedgerRecord>, Closeable {

    /**
     * Strict JSON: a duplicate key is an error; nesting and string lengths are bounded far above what a
     * ledger needs (3 levels, names of a few dozen characters). Duplicates are found by the tree
     * (FAIL_ON_READING_DUP_TREE_KEY: the object node's put already returns the earlier value), not by the
     * parser (STRICT_DUPLICATE_DETECTION keeps a set of names per object besides the tree's map: ≈ a third
     * of readTree's CPU in the print run's calculate step, docs/performance.md). Every duplicate, nested
     * too, is still refused (JsonSyntax words it as the parser did: Duplicate Object property "scheme").
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    // Property names come out of Jackson's symbol table as the interned strings, the very
                    // instances of LedgerParser's literals: its look-ups (ObjectNode.get, the unknown-field
                    // sets) then match a name by identity instead of comparing characters. A name is interned
                    // once, when the symbol table first sees it, not per line (docs/performance.md, issue #14).
                    .enable(TokenStreamFactory.Feature.INTERN_PROPERTY_NAMES)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(LedgerLines.DEFAULT_MAX_LINE_BYTES)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private final String fileName;
    private final Source source;
    private LedgerRecord next;

    private LedgerReader(String fileName, Source source) {
        this.fileName = fileName;
        this.source = source;
    }

    /** Opens a file; {@code .json} files are read as JSON, anything else as JSON Lines. */
    public static LedgerReader open(Path file) {
        return open(file, LedgerLines.DEFAULT_MAX_LINE_BYTES);
    }

    /** @param maxLineBytes the longest JSON Lines line read ({@code kakekin.ledger.max-line-bytes}) */
    public static LedgerReader open(Path file, int maxLineBytes) {
        try {
            String name = file.getFileName().toString();
            return open(name, Files.newInputStream(file), name.endsWith(".json"), maxLineBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static LedgerReader open(String fileName, InputStream in, boolean json, int maxLineBytes) {
        if (json) {
            // Strict decoding: bytes that are not UTF-8 stop the file (a JSON document has no safe place to resume).
            Reader reader = new InputStreamReader(new Utf8.CheckedStream(in), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return new LedgerReader(fileName, new JsonSource(fileName, new BufferedReader(reader, 1 << 16)));
        }
        return new LedgerReader(fileName, new LinesSource(new LedgerLines(in, maxLineBytes)));
    }

    /** Text already decoded (tests): read as its UTF-8 bytes, exactly like a file. */
    public static LedgerReader open(String fileName, Reader in, boolean json) {
        try {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            return open(fileName, new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8)), json,
                    LedgerLines.DEFAULT_MAX_LINE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    /** Parses a single JSON object given as text (the REST body, a test case). */
    public static LedgerRecord parseOne(String fileName, String json) {
        try {
            return LedgerParser.parse(JSON.readTree(json), fileName, 1);
        } catch (JacksonException e) {
            return new LedgerRecord.Invalid(1, List.of(new LedgerError(fileName, lineOf(e, 1), "(json)",
                    JsonSyntax.describe(e))), null);
        }
    }

    /** Parses one line of a JSON Lines file given as text (its UTF-8 bytes are parsed). */
    public static LedgerRecord parseLine(String fileName, long lineNo, String line) {
        return parseLine(fileName, lineNo, line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The record of one line read by {@link LedgerLines}, or null for a blank line (not a record). Every
     * command turns a line into a record here, so they all reject the same lines with the same message.
     */
    public static LedgerRecord parseLine(String fileName, LedgerLines.Line line) {
        if (line.blank()) {
            return null;
        }
        if (line.tooLong()) {
            return invalid(fileName, line.number(), "(line)", ("%,d bytes: longer than the %,d bytes a ledger line may"
                    + " have (kakekin.ledger.max-line-bytes); not read").formatted(line.length(), line.limit()));
        }
        return parseLine(fileName, line.number(), line.utf8());
    }

    /**
     * Parses one JSON Lines line given as its UTF-8 bytes (Jackson reads bytes faster than text). The bytes
     * are checked first: a byte-order mark on line 1, and anything that is not strict UTF-8, are errors of
     * the line (Jackson itself would read the overlong {@code C0 AF} as "/").
     */
    public static LedgerRecord parseLine(String fileName, long lineNo, byte[] utf8) {
        if (lineNo == 1 && utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB
                && (utf8[2] & 0xFF) == 0xBF) {
            return invalid(fileName, lineNo, "(file)", "starts with a byte-order mark; JSON Lines must be UTF-8 without BOM");
        }
        int bad = Utf8.firstInvalid(utf8);
        if (bad >= 0) {
            return invalid(fileName, lineNo, "(line)", "not UTF-8 at byte %d of the line (%s)"
                    .formatted(bad + 1, Utf8.hex(utf8, bad, 4)));
        }
        try {
            return LedgerParser.parse(JSON.readTree(utf8), fileName, lineNo);
        } catch (JacksonException e) {
            String text = new String(utf8, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return invalid(fileName, lineNo, "(line)", "holds only white space such as U+3000 (ideographic"
                        + " space); a blank line may hold only spaces and tabs");
            }
            return invalid(fileName, lineNo, "(json)", "not valid JSON: " + JsonSyntax.describe(e));
        }
    }

    private static LedgerRecord invalid(String fileName, long lineNo, String field, String message) {
        return new LedgerRecord.Invalid(lineNo, List.of(new LedgerError(fileName, lineNo, field, message)), null);
    }

    /** Parses a JSON tree already read (a case file's {@code ledger}). */
    public static LedgerRecord parseTree(String fileName, long line, JsonNode node) {
        return LedgerParser.parse(node, fileName, line);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = source.next(this);
        }
        return next != null;
    }

    @Override
    public LedgerRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LedgerRecord r = next;
        next = null;
        return r;
    }

    public String fileName() {
        return fileName;
    }

    @Override
    public void close() {
        source.close();
    }

    private static long lineOf(JacksonException e, long fallback) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : fallback;
    }

    private interface Source {
        LedgerRecord next(LedgerReader reader);

        void close();
    }

    private static final class LinesSource implements Source {
        private final LedgerLines lines;

        LinesSource(LedgerLines lines) {
            this.lines = lines;
        }

        @Override
        public LedgerRecord next(LedgerReader reader) {
            try {
                for (LedgerLines.Line line; (line = lines.next()) != null; ) {
                    LedgerRecord r = parseLine(reader.fileName, line);
                    if (r != null) {
                        return r;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + reader.fileName + " after line " + lines.lineNumber(), e);
            }
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException ignored) {
                // nothing useful to do: the records were read
            }
        }
    }

    private static final class JsonSource implements Source {
        private final String fileName;
        private final JsonParser parser;
        private boolean array;
        private boolean started;
        private boolean done;

        JsonSource(String fileName, BufferedReader in) {
            this.fileName = fileName;
            this.parser = JSON.createParser(in);
        }

        @Override
        public LedgerRecord next(LedgerReader reader) {
            if (done) {
                return null;
            }
            try {
                JsonToken t = parser.nextToken();
                if (!started) {
                    started = true;
                    if (t == JsonToken.START_ARRAY) {
                        array = true;
                        t = parser.nextToken();
                    } else if (t != JsonToken.START_OBJECT) {
                        throw new LedgerFormatException(fileName + ":" + parser.currentTokenLocation().getLineNr()
                                + ": expected a ledger object or an array of them", null);
                    }
                }
                if (t == null || t == JsonToken.END_ARRAY) {
                    done = true;
                    return null;
                }
                long line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                if (!array) {
                    done = true;
                }
                return LedgerParser.parse(node, fileName, line);
            } catch (JacksonException e) {
                // Inside a JSON document a syntax error leaves no safe place to resume.
                if (e.getCause() instanceof Utf8.NotUtf8 bad) {
                    throw new LedgerFormatException(fileName + ":" + bad.getMessage().substring("line ".length()), e);
                }
                throw new LedgerFormatException(fileName + ":" + lineOf(e, 0) + ": " + Printable.of(
                        "not valid JSON: " + JsonSyntax.describe(e), Printable.MAX_MESSAGE), e);
            }
        }

        @Override
        public void close() {
            parser.close();
        }
    }
}
