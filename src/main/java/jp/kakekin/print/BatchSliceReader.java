package jp.kakekin.print;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the print batches of one partition of the print step out of the merged postal order: batches
 * {@code p+1, p+1+n, p+1+2n, …} of n partitions, so both workers move through the postal codes together.
 * Its position is saved at every commit. A batch after the last commit is printed again by a restart,
 * even when its files were written (the execution died before committing): its issue records are
 * registered in the batch's transaction, so only printing it again makes sure they are.
 */
class BatchSliceReader implements ItemStreamReader<BatchSlice> {

    static final String NEXT = "reader.batch";

    private final RunFolder folder;
    private final int partition;
    private final int partitions;
    private final PrintRunProgress.Phase progress;
    private SortedIndex index;
    private FileChannel channel;
    private int next;

    BatchSliceReader(RunFolder folder, int partition, int partitions, PrintRunProgress.Phase progress) {
        this.folder = folder;
        this.partition = partition;
        this.partitions = partitions;
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext ctx) {
        next = ctx.getInt(NEXT, partition + 1);
        try {
            index = SortedIndex.read(folder.sortedIndex());
            channel = FileChannel.open(folder.sorted(), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new ItemStreamException("cannot open the sorted certificates in " + folder.sortDir(), e);
        }
        if (progress != null) {
            long done = 0;
            for (int b = partition + 1; b <= index.batches(); b += partitions) {
                if (b < next) {
                    done += index.size(b);
                }
            }
            progress.resume(done);
        }
    }

    @Override
    public BatchSlice read() {
        while (next <= index.batches()) {
            int b = next;
            next += partitions;
            try {
                channel.position(index.offset(b));
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
                int n = index.size(b);
                List<IssuedCertificate> certificates = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    certificates.add(IssuedCertificateCodec.read(in));
                }
                return new BatchSlice(b, certificates);
            } catch (IOException e) {
                throw new ItemStreamException("cannot read batch " + b + " from " + folder.sorted(), e);
            }
        }
        return null;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(NEXT, next);
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new ItemStreamException("cannot close " + folder.sorted(), e);
        } finally {
            channel = null;
        }
    }
}
