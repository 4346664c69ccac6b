package jp.kakekin.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One table of a run report (manifest, exclusions) written with named columns by Jackson's CSV module:
 * the columns are the components of a record, in declaration order, named by their {@link JsonProperty}
 * or their own name; quoting, escaping and line ends are Jackson's (RFC 4180), not hand-rolled. A null is
 * an empty field. Streaming: one row at a time, so a run of a million lines keeps nothing in memory.
 *
 * @param <R> the row record
 */
public final class CsvTable<R extends Record> implements Closeable {

    /**
     * Quotes a field only when it must (separator, quote, line break, edge spaces), as RFC 4180 readers expect.
     * No flush after every row: Jackson's default (FLUSH_AFTER_WRITE_VALUE) flushed the writer under the table
     * on each row, and every user writes to a file channel — one write system call per manifest row, ≈ 200,000
     * in a print run of 100,000 contracts (the print workers' parts, then the report re-writing them). The tables
     * are flushed where it matters: {@link #flush}, {@link #close}.
     */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).build();

    /**
     * A row record's components, accessors and canonical constructor, looked up once per record class.
     * Not per table: every {@code getRecordComponents()} hands out new accessor {@code Method}s, each with a
     * method handle of its own that the JDK customizes — spins a class for — once it has been called 127
     * times. A print run opens a table part per chunk, so looking them up per table spun ≈ 4,000 classes
     * in a run of 100,000 contracts, all loaded and then compiled by the JIT (docs/performance.md).
     */
    private record Shape(RecordComponent[] components, List<String> names, MethodHandle[] accessors,
                         MethodHandle constructor) {
        static final ClassValue<Shape> OF = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                RecordComponent[] components = type.getRecordComponents();
                MethodHandle[] accessors = new MethodHandle[components.length];
                Class<?>[] types = new Class<?>[components.length];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                try {
                    for (int i = 0; i < components.length; i++) {
                        Method m = components[i].getAccessor();
                        // A channel's row records are usually package-private.
                        m.setAccessible(true);
                        accessors[i] = lookup.unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
                        types[i] = components[i].getType();
                    }
                    Constructor<?> c = type.getDeclaredConstructor(types);
                    c.setAccessible(true);
                    MethodHandle constructor = lookup.unreflectConstructor(c)
                            .asSpreader(Object[].class, components.length)
                            .asType(MethodType.methodType(Object.class, Object[].class));
                    List<String> names = new ArrayList<>();
                    for (RecordComponent rc : components) {
                        // JsonProperty does not target record components: it lands on the accessor (and field, parameter).
                        JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
                        names.add(p != null && !p.value().isEmpty() ? p.value() : rc.getName());
                    }
                    return new Shape(components, List.copyOf(names), accessors, constructor);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("record " + type.getSimpleName() + " has no canonical constructor", e);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("record " + type.getSimpleName() + " cannot be read", e);
                }
            }
        };
    }

    private final RecordComponent[] components;
    private final MethodHandle[] accessors;
    private final SequenceWriter out;

    private CsvTable(Class<R> row, Writer writer, boolean header) {
        Shape shape = Shape.OF.get(row);
        this.components = shape.components();
        this.accessors = shape.accessors();
        List<String> names = columns(row);
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String name : names) {
            schema.addColumn(name);
        }
        try {
            // The header is a row of its own, written at once: a table with no rows still names its columns.
            this.out = CSV.writer(schema.build()).writeValues(writer);
            if (header) {
                out.write(names);
            }
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException("cannot start the table: " + e.getMessage(), e));
        }
    }

    /** Starts a table on {@code writer} and writes its header line. */
    public static <R extends Record> CsvTable<R> open(Class<R> row, Writer writer) {
        return new CsvTable<>(row, Objects.requireNonNull(writer), true);
    }

    /**
     * Starts a <em>part</em> of a table on {@code writer}: rows without the header line, to be appended to the
     * table later ({@link RunReport#appendManifest}, {@link RunReport#appendExclusions}) — e.g. one part per
     * chunk or print batch of a partitioned step, each written whole by its own worker.
     */
    public static <R extends Record> CsvTable<R> openPart(Class<R> row, Writer writer) {
        return new CsvTable<>(row, Objects.requireNonNull(writer), false);
    }

    /**
     * Reads a table (or a part) back as rows of the record, by position: the record's columns in order.
     * Values are converted to the component's type (String, int, long, boolean and their boxes, enums,
     * LocalDate, YearMonth); an empty field is null (an error for a primitive). A field that does not
     * convert, or a row with the wrong number of fields, fails with one line naming source, line and column.
     *
     * @param source what to name in an error (usually the file)
     * @param header whether the first line is the header (it must name the record's columns)
     */
    public static <R extends Record> Rows<R> read(Class<R> row, Reader reader, String source, boolean header) {
        return new Rows<>(row, reader, source, header);
    }

    /** The column names of a row record, in order. */
    public static List<String> columns(Class<? extends Record> row) {
        return Shape.OF.get(row).names();
    }

    public void write(R row) {
        List<String> values = new ArrayList<>(components.length);
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = (Object) accessors[i].invokeExact((Object) row);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("row " + row.getClass().getSimpleName() + "." + components[i].getName(), e);
            }
            values.add(v == null ? "" : v.toString());
        }
        try {
            out.write(values);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Writes what is buffered through to the underlying writer (and flushes it). */
    public void flush() {
        try {
            out.flush();
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** The rows of a table read back ({@link #read}); close it to close the reader. */
    public static final class Rows<R extends Record> implements Iterator<R>, Closeable {

        private final Class<R> type;
        private final RecordComponent[] components;
        private final MethodHandle constructor;
        private final MappingIterator<List<String>> in;
        private final String source;
        private final List<String> names;
        private long line;

        private Rows(Class<R> type, Reader reader, String source, boolean header) {
            this.type = type;
            Shape shape = Shape.OF.get(type);
            this.components = shape.components();
            this.constructor = shape.constructor();
            this.source = source;
            this.names = columns(type);
            try {
                this.in = CSV.readerForListOf(String.class).with(CsvReadFeature.WRAP_AS_ARRAY)
                        .readValues(Objects.requireNonNull(reader));
            } catch (JacksonException e) {
                throw new UncheckedIOException(new IOException(source + ": " + e.getOriginalMessage(), e));
            }
            if (header) {
                List<String> h = hasNext() ? nextFields() : List.of();
                if (!h.equals(names)) {
                    throw new IllegalArgumentException("%s:1: the header is %s, expected %s"
                            .formatted(source, String.join(",", h), String.join(",", names)));
                }
            }
        }

        @Override
        public boolean hasNext() {
            try {
                return in.hasNextValue();
            } catch (JacksonException e) {
                throw new IllegalArgumentException(source + ":" + (line + 1) + ": " + e.getOriginalMessage(), e);
            }
        }

        private List<String> nextFields() {
            try {
                // hasNext() has put the parser on the row's start: its line, even when a quoted field spans lines.
                var at = in.parser().currentTokenLocation();
                line = at == null || at.getLineNr() <= line ? line + 1 : at.getLineNr();
                return in.nextValue();
            } catch (JacksonException e) {
                throw new IllegalArgumentException(source + ":" + (line + 1) + ": " + e.getOriginalMessage(), e);
            }
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException(source);
            }
            List<String> fields = nextFields();
            if (fields.size() != components.length) {
                throw new IllegalArgumentException("%s:%d: %d fields, expected %d (%s)".formatted(source, line,
                        fields.size(), components.length, String.join(",", names)));
            }
            Object[] args = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                try {
                    args[i] = convert(fields.get(i), components[i].getType());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("%s:%d: %s: %s".formatted(source, line, names.get(i),
                            e.getMessage() == null ? e.toString() : e.getMessage()), e);
                }
            }
            try {
                return type.cast((Object) constructor.invokeExact(args));
            } catch (RuntimeException e) {
                // The record's own check of its components (a compact constructor) refused the row.
                throw new IllegalArgumentException("%s:%d: %s".formatted(source, line, e.getMessage()), e);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
            }
        }

        /** The line of the row last read (1 is the header when there is one). */
        public long line() {
            return line;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (JacksonException e) {
                throw new UncheckedIOException(new IOException(e.getMessage(), e));
            }
        }

        /**
         * {@link LocalDate#parse} of an ISO date. The plain {@code yyyy-MM-dd} the tables write is read by hand:
         * {@code LocalDate.parse} was a fifth of the report step's CPU (a formatter's parse of every manifest
         * row's date, docs/performance.md). Anything else — other lengths, a sign, an invalid date — goes to
         * {@code LocalDate.parse}, so what it accepts and every message it gives stay as they were.
         */
        static LocalDate date(String s) {
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                int y = digits(s, 0, 4);
                int m = digits(s, 5, 7);
                int d = digits(s, 8, 10);
                if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= java.time.Month.of(m).length(java.time.Year.isLeap(y))) {
                    return LocalDate.of(y, m, d);
                }
            }
            return LocalDate.parse(s);
        }

        /** The number written in ASCII digits from {@code from} to {@code to}, or -1 if a character is not one. */
        private static int digits(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object convert(String s, Class<?> t) {
            if (t == String.class) {
                return s.isEmpty() ? null : s;
            }
            if (s.isEmpty()) {
                if (t.isPrimitive()) {
                    throw new IllegalArgumentException("empty, a number is required");
                }
                return null;
            }
            if (t == int.class || t == Integer.class) {
                return Integer.valueOf(s);
            }
            if (t == long.class || t == Long.class) {
                return Long.valueOf(s);
            }
            if (t == boolean.class || t == Boolean.class) {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new IllegalArgumentException("'" + s + "' is not true or false");
                }
                return Boolean.valueOf(s);
            }
            if (t == LocalDate.class) {
                return date(s);
            }
            if (t == YearMonth.class) {
                return YearMonth.parse(s);
            }
            if (t.isEnum()) {
                return Enum.valueOf((Class) t, s);
            }
            throw new IllegalStateException("no CSV conversion to " + t.getSimpleName());
        }
    }
}
