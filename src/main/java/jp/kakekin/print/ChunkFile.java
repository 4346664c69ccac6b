package jp.kakekin.print;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one committed chunk of the calculate step left behind: a header that accounts for every record
 * of the chunk, the contract numbers of its valid ledgers (for the duplicate check), and its issued
 * certificates sorted in postal order (one sort run). Its exclusions are in a CSV part beside it.
 * Keys are (contract number, line) pairs, so that the duplicate check can tell which line came first.
 */
final class ChunkFile {

    private static final int MAGIC = 0x4B4B4331; // "KKC1"

    /**
     * @param firstLine the first record's line
     * @param lastLine  the last record's line
     * @param records   non-blank lines read in this chunk
     * @param excluded  rows of the chunk's exclusion part
     * @param keys      valid 小規模企業共済 ledgers (issued or not)
     * @param issued    certificates in the sort run
     */
    record Header(long firstLine, long lastLine, long records, long excluded, int keys, int issued) {
    }

    private ChunkFile() {
    }

    /** Bytes per key: the contract number (int) and its line (long). */
    static final int KEY_BYTES = 12;

    static void write(Path file, Header h, int[] keys, long[] keyLines, List<IssuedCertificate> sortedIssued)
            throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(os);
            out.writeInt(MAGIC);
            out.writeLong(h.firstLine());
            out.writeLong(h.lastLine());
            out.writeLong(h.records());
            out.writeLong(h.excluded());
            out.writeInt(h.keys());
            out.writeInt(h.issued());
            for (int i = 0; i < h.keys(); i++) {
                out.writeInt(keys[i]);
                out.writeLong(keyLines[i]);
            }
            for (IssuedCertificate c : sortedIssued) {
                IssuedCertificateCodec.write(out, c);
            }
            out.flush();
        });
    }

    static Header header(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + " is not a chunk file of this version");
        }
        return new Header(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt());
    }

    static Header header(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 64))) {
            return header(in, file);
        }
    }

    /** Opens the file positioned at its keys. */
    static DataInputStream open(Path file, int bufferSize) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(raw, bufferSize));
    }

    static void skipFully(DataInputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            left -= s;
        }
    }
}
