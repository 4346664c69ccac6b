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
}
