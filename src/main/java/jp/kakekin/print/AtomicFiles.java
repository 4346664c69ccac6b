package jp.kakekin.print;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every file of a run appears whole or not at all: it is written under {@code <name>.tmp}, forced to
 * disk and renamed. A run killed at any moment leaves at most a {@code .tmp} behind, which the restart
 * overwrites; a file with its final name is complete by construction.
 */
final class AtomicFiles {

    static final String TMP = ".tmp";

    private AtomicFiles() {
    }

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    static void write(Path target, Content content) throws IOException {
        Path tmp = tmp(target);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            content.writeTo(out);
            out.flush();
            ch.force(false);
        }
        publish(tmp, target);
    }

    static Path tmp(Path target) {
        return target.resolveSibling(target.getFileName() + TMP);
    }

    /** Renames a complete temporary file to its final name in one step. */
    static void publish(Path tmp, Path target) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
