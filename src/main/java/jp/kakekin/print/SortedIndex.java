package jp.kakekin.print;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each print batch starts in {@code sorted.bin}: batch b (1-based) is the records
 * {@code (b-1)·batchSize .. b·batchSize-1} of the merged postal order.
 */
record SortedIndex(long count, int batchSize, long[] offsets) {

    private static final int MAGIC = 0x4B4B4931; // "KKI1"

    int batches() {
        return offsets.length;
    }

    int size(int batch) {
        long first = (long) (batch - 1) * batchSize;
        return (int) Math.min(batchSize, count - first);
    }

    long offset(int batch) {
        return offsets[batch - 1];
    }

    void write(Path file) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(os);
            out.writeInt(MAGIC);
            out.writeLong(count);
            out.writeInt(batchSize);
            out.writeInt(offsets.length);
            for (long o : offsets) {
                out.writeLong(o);
            }
            out.flush();
        });
    }

    static SortedIndex read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a sorted index of this version");
            }
            long count = in.readLong();
            int batchSize = in.readInt();
            long[] offsets = new long[in.readInt()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.readLong();
            }
            return new SortedIndex(count, batchSize, offsets);
        }
    }
}
