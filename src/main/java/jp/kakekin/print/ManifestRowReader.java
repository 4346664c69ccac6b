package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads the manifest rows of the printed batches, batch by batch, for the issue register. Its position
 * (batch, rows read in it) is saved at every commit.
 */
class ManifestRowReader implements ItemStreamReader<List<String>> {

    static final String BATCH = "reader.batch";
    static final String ROW = "reader.row";

    private final RunFolder folder;
    private int batches;
    private int batch;
    private int row;
    private BufferedReader in;

    ManifestRowReader(RunFolder folder) {
        this.folder = folder;
    }

    @Override
    public void open(ExecutionContext ctx) {
        try {
            batches = SortedIndex.read(folder.sortedIndex()).batches();
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + folder.sortedIndex(), e);
        }
        batch = ctx.getInt(BATCH, 1);
        int skip = ctx.getInt(ROW, 0);
        row = 0;
        if (batch <= batches) {
            openPart();
            for (int i = 0; i < skip; i++) {
                next();
            }
        }
    }

    @Override
    public List<String> read() {
        while (batch <= batches) {
            List<String> r = next();
            if (r != null) {
                return r;
            }
            closePart();
            batch++;
            row = 0;
            if (batch <= batches) {
                openPart();
            }
        }
        return null;
    }

    private List<String> next() {
        try {
            List<String> r = Csv.read(in);
            if (r != null) {
                row++;
            }
            return r;
        } catch (IOException e) {
            throw new ItemStreamException("cannot read " + folder.manifestPart(batch), e);
        }
    }

    private void openPart() {
        try {
            in = Files.newBufferedReader(folder.manifestPart(batch), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ItemStreamException("batch " + batch + " has no manifest part", e);
        }
    }

    private void closePart() {
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot close " + folder.manifestPart(batch), e);
        } finally {
            in = null;
        }
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(BATCH, batch);
        ctx.putInt(ROW, row);
    }

    @Override
    public void close() {
        closePart();
    }
}
