package jp.kakekin.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableTest {

    record Row(long line, @JsonProperty("contract_no") String contractNo, String detail) {
    }

    @Test
    void namedColumnsAndRfc4180QuotingThatReadsBack() {
        StringWriter out = new StringWriter();
        try (CsvTable<Row> t = CsvTable.open(Row.class, out)) {
            t.write(new Row(1, "1000001", "plain"));
            t.write(new Row(2, null, "a, \"quoted\"\nsecond line"));
        }
        String csv = out.toString();
        assertThat(csv).startsWith("line,contract_no,detail\n1,1000001,plain\n2,,");
        MappingIterator<Map<String, String>> back = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv);
        List<Map<String, String>> rows = back.readAll();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsEntry("contract_no", "").containsEntry("detail", "a, \"quoted\"\nsecond line");
    }

    @Test
    void aTableWithoutRowsStillNamesItsColumns() {
        StringWriter out = new StringWriter();
        CsvTable.open(Row.class, out).close();
        assertThat(out.toString()).isEqualTo("line,contract_no,detail\n");
    }

    record Wide(String a, String b, String c, String d, String e, String f) {
    }

    /**
     * A print run opens a table part per chunk. Looking the row's accessors up per table made the JDK spin a
     * class per accessor and table once it had been called 127 times (≈ 4,000 classes in a 100,000-contract
     * run, each loaded and compiled); the lookups are per record class now, so 60 parts of 300 rows load
     * a handful of classes, not 60 × 6.
     */
    @Test
    void manyPartsOfOneRowRecordDoNotMakeTheJdkSpinClassesPerPart() {
        var classes = java.lang.management.ManagementFactory.getClassLoadingMXBean();
        Wide row = new Wide("1", "2", "3", "4", "5", "6");
        writeParts(row, 2); // the first parts load what any table needs
        long before = classes.getTotalLoadedClassCount();
        writeParts(row, 60);
        long loaded = classes.getTotalLoadedClassCount() - before;
        assertThat(loaded).as("classes loaded while writing 60 parts").isLessThan(60);
    }

    private static void writeParts(Wide row, int parts) {
        for (int p = 0; p < parts; p++) {
            StringWriter out = new StringWriter();
            try (CsvTable<Wide> t = CsvTable.openPart(Wide.class, out)) {
                for (int i = 0; i < 300; i++) {
                    t.write(row);
                }
            }
            assertThat(out.toString()).startsWith("1,2,3,4,5,6\n");
        }
    }

    @Test
    void aRowRefusedByItsRecordNamesSourceAndLine() {
        StringWriter out = new StringWriter();
        try (CsvTable<Checked> t = CsvTable.open(Checked.class, out)) {
            t.write(new Checked(1));
            t.write(new Checked(2));
        }
        String csv = out.toString().replace("\n2\n", "\n-5\n");
        try (var rows = CsvTable.read(Checked.class, new java.io.StringReader(csv), "t.csv", true)) {
            assertThat(rows.next().n()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(rows::next)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("t.csv:3: n must not be negative");
        }
    }

    record Checked(int n) {
        Checked {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }
    /**
     * Every table is written to a file channel: a flush per row was a write system call per row (≈ 200,000 in
     * a print run of 100,000 contracts). The rows reach the writer in blocks; flush() and close() still pass
     * everything through.
     */
    @Test
    void rowsAreNotFlushedOneByOneButFlushAndCloseWriteEverything() {
        int[] flushes = {0};
        StringWriter text = new StringWriter();
        java.io.Writer counting = new java.io.FilterWriter(text) {
            @Override
            public void flush() throws java.io.IOException {
                flushes[0]++;
                super.flush();
            }
        };
        CsvTable<Row> t = CsvTable.openPart(Row.class, counting);
        for (int i = 1; i <= 1_000; i++) {
            t.write(new Row(i, "100000" + i, "detail of row " + i));
        }
        assertThat(flushes[0]).as("flushes while writing 1,000 rows").isZero();
        t.flush();
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(text.toString()).startsWith("1,1000001,detail of row 1\n").endsWith("1000,1000001000,detail of row 1000\n");
        t.write(new Row(1_001, "x", "last"));
        t.close();
        assertThat(text.toString()).endsWith("1001,x,last\n").hasLineCount(1_001);
    }
    /** The hand-read ISO date gives what LocalDate.parse gives — the same date, or the same refusal and message. */
    @Test
    void datesReadAsLocalDateParseReadsThem() {
        java.util.Random r = new java.util.Random(14);
        List<String> samples = new java.util.ArrayList<>(List.of("2026-02-29", "2024-02-29", "2000-02-29", "1900-02-29",
                "0000-01-01", "9999-12-31", "2026-04-31", "2026-00-10", "2026-13-01", "2026-01-00", "2026-1-01",
                "２０２６-01-01", "2026/01/01", "+2026-01-01", "-2026-01-01", "+12026-01-01", "2026-01-01T", " 2026-01-01",
                "2026-01-0a", "abcd-ef-gh", "2026-11-13"));
        for (int i = 0; i < 20_000; i++) {
            char[] c = "%04d-%02d-%02d".formatted(r.nextInt(10_000), r.nextInt(14), r.nextInt(33)).toCharArray();
            if (r.nextInt(20) == 0) {
                c[r.nextInt(c.length)] = "0123456789-+/a ０".charAt(r.nextInt(16));
            }
            samples.add(new String(c));
        }
        int valid = 0;
        for (String s : samples) {
            Object expected;
            try {
                expected = java.time.LocalDate.parse(s);
                valid++;
            } catch (java.time.format.DateTimeParseException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = CsvTable.Rows.date(s);
            } catch (java.time.format.DateTimeParseException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(s).isEqualTo(expected);
        }
        assertThat(valid).as("both kinds sampled").isBetween(samples.size() / 3, samples.size() - 1000);
    }
}
