package jp.kakekin.print;

import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.CsvTable;
import jp.kakekin.report.Exclusion;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The second half of the external sort: k-way merges the sorted runs of the calculate step into one
 * file in postal order, with an index of where each print batch starts. Memory holds one record and one
 * read buffer per open run, never the data: when there are more runs than {@code fanIn}, groups of them
 * are first merged into longer runs.
 * <p>
 * It also applies the duplicate check (two certificates must never carry the same unique code): when a
 * contract number is on more than one valid 小規模企業共済 ledger line, only its first line counts, as in
 * the e-私書箱 export; a certificate from any later line is excluded as DUPLICATE_CONTRACT. Contract
 * numbers are 7 digits, so two bit sets of 10<sup>7</sup> bits (2.5 MB) find the duplicated ones
 * whatever the input size; only those are then kept in a map with their first line.
 */
final class ExternalMerge {

    private static final int CONTRACT_NUMBERS = 10_000_000;

    private final int fanIn;
    private final int bufferSize;

    ExternalMerge(int fanIn, int bufferSize) {
        if (fanIn < 2) {
            throw new IllegalArgumentException("fan-in must be at least 2, was " + fanIn);
        }
        this.fanIn = fanIn;
        this.bufferSize = bufferSize;
    }

    /**
     * @param issuedInChunks   certificates in all the chunks (to check nothing went missing on the way)
     * @param merged           certificates in {@code sorted.bin}
     * @param duplicates       certificates left out as {@link ReasonCode#DUPLICATE_CONTRACT}
     * @param intermediateRuns runs written by the extra merge passes (0 when the fan-in sufficed)
     */
    record Result(long issuedInChunks, long merged, long duplicates, int batches, int intermediateRuns) {
    }

    Result merge(List<Path> chunks, RunFolder folder, int batchSize) throws IOException {
        Map<Integer, Long> firstLineOfDuplicated = duplicates(chunks);
        List<Source> sources = new ArrayList<>(chunks.size());
        long issued = 0;
        for (Path chunk : chunks) {
            DataInputStream in = ChunkFile.open(chunk, bufferSize);
            ChunkFile.Header h = ChunkFile.header(in, chunk);
            ChunkFile.skipFully(in, (long) ChunkFile.KEY_BYTES * h.keys());
            sources.add(new Source(in, h.issued(), null));
            issued += h.issued();
        }
        int pass = 0;
        int intermediate = 0;
        while (sources.size() > fanIn) {
            pass++;
            List<Source> next = new ArrayList<>();
            for (int i = 0; i < sources.size(); i += fanIn) {
                List<Source> group = sources.subList(i, Math.min(i + fanIn, sources.size()));
                Path run = folder.sortDir().resolve("merge-%02d-%05d.run".formatted(pass, next.size() + 1));
                long n = mergeInto(group, run);
                intermediate++;
                next.add(new Source(ChunkFile.open(run, bufferSize), n, run));
            }
            sources = next;
        }
        return finalMerge(sources, folder, batchSize, firstLineOfDuplicated, issued, intermediate);
    }

    /** The contract numbers on more than one valid line, each with the first of its lines. */
    private Map<Integer, Long> duplicates(List<Path> chunks) throws IOException {
        BitSet seen = new BitSet(CONTRACT_NUMBERS);
        BitSet duplicate = new BitSet(CONTRACT_NUMBERS);
        for (Path chunk : chunks) {
            try (DataInputStream in = ChunkFile.open(chunk, bufferSize)) {
                ChunkFile.Header h = ChunkFile.header(in, chunk);
                for (int i = 0; i < h.keys(); i++) {
                    int k = in.readInt();
                    in.readLong();
                    if (seen.get(k)) {
                        duplicate.set(k);
                    } else {
                        seen.set(k);
                    }
                }
            }
        }
        Map<Integer, Long> first = new HashMap<>();
        if (duplicate.isEmpty()) {
            return first;
        }
        for (Path chunk : chunks) {
            try (DataInputStream in = ChunkFile.open(chunk, bufferSize)) {
                ChunkFile.Header h = ChunkFile.header(in, chunk);
                for (int i = 0; i < h.keys(); i++) {
                    int k = in.readInt();
                    long line = in.readLong();
                    if (duplicate.get(k)) {
                        first.merge(k, line, Math::min);
                    }
                }
            }
        }
        return first;
    }

    private long mergeInto(List<Source> group, Path run) throws IOException {
        long[] n = {0};
        AtomicFiles.write(run, os -> {
            DataOutputStream out = new DataOutputStream(os);
            PriorityQueue<Source> heap = heap(group);
            while (!heap.isEmpty()) {
                Source s = heap.poll();
                IssuedCertificateCodec.write(out, s.head);
                n[0]++;
                if (s.advance()) {
                    heap.add(s);
                }
            }
            out.flush();
        });
        for (Source s : group) {
            s.close();
            if (s.file != null) {
                Files.deleteIfExists(s.file);
            }
        }
        return n[0];
    }

    private Result finalMerge(List<Source> sources, RunFolder folder, int batchSize, Map<Integer, Long> firstLine,
                              long issued, int intermediate) throws IOException {
        List<Long> offsets = new ArrayList<>();
        long[] counts = new long[2]; // merged, duplicates
        Path dupTmp = AtomicFiles.tmp(folder.duplicates());
        try (Writer dupFile = Files.newBufferedWriter(dupTmp, StandardCharsets.UTF_8);
             CsvTable<Exclusion> dups = CsvTable.openPart(Exclusion.class, dupFile)) {
            AtomicFiles.write(folder.sorted(), os -> {
                CountingOutputStream counted = new CountingOutputStream(os);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(counted, 1 << 16));
                PriorityQueue<Source> heap = heap(sources);
                while (!heap.isEmpty()) {
                    Source s = heap.poll();
                    IssuedCertificate c = s.head;
                    Long first = firstLine.isEmpty() ? null : firstLine.get(Integer.parseInt(c.contractNo()));
                    if (first != null && first != c.line()) {
                        dups.write(new Exclusion(c.line(), c.contractNo(), c.uniqueCode().value(),
                                ReasonCode.DUPLICATE_CONTRACT, "contract %s came earlier in the ledger, on line %d; only that line counts"
                                        .formatted(c.contractNo(), first)));
                        counts[1]++;
                    } else {
                        if (counts[0] % batchSize == 0) {
                            out.flush();
                            offsets.add(counted.count);
                        }
                        IssuedCertificateCodec.write(out, c);
                        counts[0]++;
                    }
                    if (s.advance()) {
                        heap.add(s);
                    }
                }
                out.flush();
            });
        } finally {
            for (Source s : sources) {
                s.close();
            }
        }
        AtomicFiles.publish(dupTmp, folder.duplicates());
        new SortedIndex(counts[0], batchSize, offsets.stream().mapToLong(Long::longValue).toArray())
                .write(folder.sortedIndex());
        for (Source s : sources) {
            if (s.file != null) {
                Files.deleteIfExists(s.file);
            }
        }
        return new Result(issued, counts[0], counts[1], offsets.size(), intermediate);
    }

    private static PriorityQueue<Source> heap(List<Source> sources) throws IOException {
        PriorityQueue<Source> heap = new PriorityQueue<>(Math.max(1, sources.size()),
                (a, b) -> IssuedCertificate.POSTAL_ORDER.compare(a.head, b.head));
        for (Source s : sources) {
            if (s.advance()) {
                heap.add(s);
            }
        }
        return heap;
    }

    /** One sorted run being merged: its stream and its current record. */
    private static final class Source {
        private final DataInputStream in;
        private final Path file;
        private long left;
        private IssuedCertificate head;

        Source(DataInputStream in, long count, Path file) {
            this.in = in;
            this.left = count;
            this.file = file;
        }

        boolean advance() throws IOException {
            if (left == 0) {
                head = null;
                close();
                return false;
            }
            head = IssuedCertificateCodec.read(in);
            left--;
            return true;
        }

        void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
