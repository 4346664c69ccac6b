package jp.kakekin.edelivery;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes each chunk of a partition to its own file, {@code p0003-000042.jsonl} (partition, chunk number),
 * under a temporary name, forced to disk and renamed: a file with its final name is complete. The chunk
 * number is saved with the reader's position at every commit, so a chunk written but not committed when
 * the process died is written again under the same name, with the same records (and the same signed bytes:
 * RSA PKCS#1 v1.5 signatures are deterministic and sakuseiDay is fixed for the run).
 */
class StagedChunkWriter implements ItemStreamWriter<StagedOutcome> {

    static final String CHUNKS = "writer.chunks";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final int partition;
    private int chunks;

    StagedChunkWriter(Path dir, int partition) {
        this.dir = dir;
        this.partition = partition;
    }

    static String fileName(int partition, int chunk) {
        return "p%04d-%06d.jsonl".formatted(partition, chunk);
    }

    static String prefix(int partition) {
        return "p%04d-".formatted(partition);
    }

    @Override
    public void open(ExecutionContext ctx) {
        chunks = ctx.getInt(CHUNKS, 0);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void write(Chunk<? extends StagedOutcome> items) throws IOException {
        Path target = dir.resolve(fileName(partition, chunks + 1));
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            for (StagedOutcome o : items) {
                out.write(JSON.writeValueAsBytes(o));
                out.write('\n');
            }
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        chunks++;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(CHUNKS, chunks);
    }
}
