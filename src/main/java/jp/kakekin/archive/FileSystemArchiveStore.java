package jp.kakekin.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Archive copies in a directory ({@code kakekin.archive.dir}, default {@code ./data/archive}): one file per
 * key, written to a temporary file and moved into place, so a reader never sees half a file and a crash
 * leaves no partial copy under its name.
 */
public final class FileSystemArchiveStore implements ArchiveStore {

    private final Path root;

    public FileSystemArchiveStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = resolve(key);
        try {
            Optional<byte[]> existing = read(target);
            if (existing.isPresent()) {
                if (Arrays.equals(existing.get(), bytes)) {
                    return;
                }
                throw new IllegalStateException("archive " + target + " already holds another copy; archived copies are never replaced");
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".archiving-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Arrays.equals(Files.readAllBytes(target), bytes)) {
                    throw new IllegalStateException("archive " + target + " was written concurrently with another copy", e);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes under {@code key}; for a content-addressed key ({@code …/<sha256>.pdf}) checked against the
     * digest it names, so a file changed on disk is refused, not handed back as the copy.
     *
     * @throws IllegalStateException when the file is not what its key says
     */
    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> bytes;
        try {
            bytes = read(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String named = DocumentArchive.digestOf(key);
        if (bytes.isPresent() && named != null && !named.equals(PdfA3.sha256Hex(bytes.get()))) {
            throw new IllegalStateException("archive " + resolve(key) + " is damaged: its SHA-256 is "
                    + PdfA3.sha256Hex(bytes.get()) + ", its key names " + named);
        }
        return bytes;
    }

    @Override
    public String locate(String key) {
        return resolve(key).toString();
    }

    private static Optional<byte[]> read(Path p) throws IOException {
        try {
            if (Files.size(p) > MAX_COPY_BYTES) {
                throw new IllegalStateException("archive " + p + " holds " + Files.size(p)
                        + " bytes, more than an archive copy may (" + MAX_COPY_BYTES + ")");
            }
            return Optional.of(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.isBlank()) {
            throw new IllegalArgumentException("archive key outside the archive: " + key);
        }
        return p;
    }
}
