package jp.kakekin.ledger;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 */
public final class LedgerReader implements Iterator<LedgerRecord>, Closeable {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String fileName;
    private final Source source;
    private LedgerRecord next;

    private LedgerReader(String fileName, Source source) {
        this.fileName = fileName;
        this.source = source;
    }

    /** Opens a file; {@code .json} files are read as JSON, anything else as JSON Lines. */
    public static LedgerReader open(Path file) {
        try {
            BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString();
            return open(name, in, name.endsWith(".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static LedgerReader open(String fileName, Reader in, boolean json) {
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        return new LedgerReader(fileName, json ? new JsonSource(fileName, buffered) : new LinesSource(buffered));
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

    /** Parses one line of a JSON Lines file; a line that is not JSON becomes an Invalid record. */
    public static LedgerRecord parseLine(String fileName, long lineNo, String line) {
        try {
            return LedgerParser.parse(JSON.readTree(line), fileName, lineNo);
        } catch (JacksonException e) {
            return new LedgerRecord.Invalid(lineNo, List.of(new LedgerError(fileName, lineNo, "(json)",
                    "not valid JSON: " + JsonSyntax.describe(e))), null);
        }
    }

    /**
     * Parses one JSON Lines line given as its UTF-8 bytes: Jackson reads bytes faster than text, and bytes that
     * are not UTF-8 are reported as a JSON error of the line.
     */
    public static LedgerRecord parseLine(String fileName, long lineNo, byte[] utf8) {
        try {
            return LedgerParser.parse(JSON.readTree(utf8), fileName, lineNo);
        } catch (JacksonException e) {
            return new LedgerRecord.Invalid(lineNo, List.of(new LedgerError(fileName, lineNo, "(json)",
                    "not valid JSON: " + JsonSyntax.describe(e))), null);
        }
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
        private final BufferedReader in;
        private long lineNo;

        LinesSource(BufferedReader in) {
            this.in = in;
        }

        @Override
        public LedgerRecord next(LedgerReader reader) {
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        return new LedgerRecord.Invalid(lineNo, List.of(new LedgerError(reader.fileName, lineNo,
                                "(file)", "starts with a byte-order mark; JSON Lines must be UTF-8 without BOM")), null);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    return parseLine(reader.fileName, lineNo, line);
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + reader.fileName + " after line " + lineNo, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
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
                throw new LedgerFormatException(fileName + ":" + lineOf(e, 0) + ": not valid JSON: "
                        + JsonSyntax.describe(e), e);
            }
        }

        @Override
        public void close() {
            parser.close();
        }
    }
}
