package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes each chunk of the calculate step as one sort run (its issued certificates sorted in memory in
 * postal order: the first half of the external sort) plus its exclusions. Files are numbered by chunk
 * within the partition; the number of committed chunks is saved with the reader's position, so after
 * a kill the restarted partition rewrites the chunk that was not committed under the same name and
 * nothing is counted twice.
 */
class SortRunWriter implements ItemStreamWriter<Outcome> {

    static final String CHUNKS = "writer.chunks";

    private final RunFolder folder;
    private final String partition;
    private int chunks;

    SortRunWriter(RunFolder folder, String partition) {
        this.folder = folder;
        this.partition = partition;
    }

    @Override
    public void open(ExecutionContext ctx) {
        chunks = ctx.getInt(CHUNKS, 0);
    }

    @Override
    public void write(Chunk<? extends Outcome> chunk) throws Exception {
        if (chunk.isEmpty()) {
            return;
        }
        List<IssuedCertificate> issued = new ArrayList<>(chunk.size());
        List<Exclusion> excluded = new ArrayList<>();
        int[] keys = new int[chunk.size()];
        long[] keyLines = new long[chunk.size()];
        int k = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Outcome o : chunk) {
            first = Math.min(first, o.line());
            last = Math.max(last, o.line());
            if (o.validContractNo() != null) {
                keys[k] = Integer.parseInt(o.validContractNo());
                keyLines[k++] = o.line();
            }
            switch (o) {
                case Outcome.Issued i -> issued.add(i.certificate());
                case Outcome.Excluded e -> excluded.add(e.exclusion());
            }
        }
        issued.sort(IssuedCertificate.POSTAL_ORDER);
        int seq = chunks + 1;
        AtomicFiles.write(folder.chunkExclusions(partition, seq), os -> {
            Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
            for (Exclusion e : excluded) {
                w.write(e.toCsv());
            }
            w.flush();
        });
        ChunkFile.write(folder.chunk(partition, seq),
                new ChunkFile.Header(first, last, chunk.size(), excluded.size(), k, issued.size()),
                keys, keyLines, issued);
        chunks = seq;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(CHUNKS, chunks);
    }
}
