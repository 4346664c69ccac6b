package jp.kakekin.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
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

    /** Quotes a field only when it must (separator, quote, line break, edge spaces), as RFC 4180 readers expect. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING).build();

    private final RecordComponent[] components;
    private final java.lang.reflect.Method[] accessors;
    private final SequenceWriter out;

    private CsvTable(Class<R> row, Writer writer) {
        this.components = row.getRecordComponents();
        this.accessors = new java.lang.reflect.Method[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            // A channel's row records are usually package-private.
            accessors[i].setAccessible(true);
        }
        List<String> names = columns(row);
        CsvSchema.Builder schema = CsvSchema.builder();
        for (String name : names) {
            schema.addColumn(name);
        }
        try {
            // The header is a row of its own, written at once: a table with no rows still names its columns.
            this.out = CSV.writer(schema.build()).writeValues(writer);
            out.write(names);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException("cannot start the table: " + e.getMessage(), e));
        }
    }

    /** Starts a table on {@code writer} and writes its header line. */
    public static <R extends Record> CsvTable<R> open(Class<R> row, Writer writer) {
        return new CsvTable<>(row, Objects.requireNonNull(writer));
    }

    /** The column names of a row record, in order. */
    public static List<String> columns(Class<? extends Record> row) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : row.getRecordComponents()) {
            // JsonProperty does not target record components: it lands on the accessor (and field, parameter).
            JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
            names.add(p != null && !p.value().isEmpty() ? p.value() : c.getName());
        }
        return names;
    }

    public void write(R row) {
        List<String> values = new ArrayList<>(components.length);
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Object v;
            try {
                v = accessors[i].invoke(row);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("row " + row.getClass().getSimpleName() + "." + c.getName(), e);
            }
            values.add(v == null ? "" : v.toString());
        }
        try {
            out.write(values);
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
}
