package jp.kakekin.print;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.Exclusion;
import jp.kakekin.store.IssuedDocuments;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private final IssuedDocuments register;
    private final String run;
    private int chunks;

    /**
     * @param register the store's register of issued documents (consulted when the database has it)
     * @param run      this run's name in the register
     */
    SortRunWriter(RunFolder folder, String partition, IssuedDocuments register, String run) {
        this.folder = folder;
        this.partition = partition;
        this.register = register;
        this.run = run;
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
        if (!issued.isEmpty() && register != null && register.available()) {
            issued = withoutIssuedElsewhere(issued, excluded);
        }
        issued.sort(IssuedCertificate.POSTAL_ORDER);
        int seq = chunks + 1;
        AtomicFiles.write(folder.chunkExclusions(partition, seq), os -> PrintedBatchWriter.part(os, Exclusion.class, excluded));
        ChunkFile.write(folder.chunk(partition, seq),
                new ChunkFile.Header(first, last, chunk.size(), excluded.size(), k, issued.size()),
                keys, keyLines, issued);
        chunks = seq;
    }

    /** Certificates whose first issue another channel has registered go to the exclusions instead. */
    private List<IssuedCertificate> withoutIssuedElsewhere(List<IssuedCertificate> issued, List<Exclusion> excluded) {
        Map<String, String> runs = register.runsOf(issued.stream().map(c -> c.uniqueCode().value()).toList());
        if (runs.isEmpty()) {
            return issued;
        }
        List<IssuedCertificate> keep = new ArrayList<>(issued.size());
        for (IssuedCertificate c : issued) {
            String code = c.uniqueCode().value();
            String by = runs.get(code);
            if (by == null || by.equals(run)) {
                keep.add(c);
            } else {
                excluded.add(new Exclusion(c.line(), c.contractNo(), code, ReasonCode.ALREADY_ISSUED,
                        "the register already holds %s, issued by %s before this run".formatted(code, by)));
            }
        }
        excluded.sort(java.util.Comparator.comparingLong(Exclusion::line));
        return keep;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(CHUNKS, chunks);
    }
}
