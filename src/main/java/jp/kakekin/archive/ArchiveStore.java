package jp.kakekin.archive;

import java.util.Optional;

/**
 * Where archive copies are kept: write once, read back by key. {@link FileSystemArchiveStore} is the one
 * kakekin ships ({@code kakekin.archive.dir}); an S3-compatible bucket is another implementation of the
 * same two methods (docs/archive.md).
 */
public interface ArchiveStore {

    /**
     * The largest copy read back (64 MiB; an archive copy is one document, tens of kilobytes): an object
     * planted in the store cannot exhaust the memory of whoever verifies it.
     */
    long MAX_COPY_BYTES = 64L * 1024 * 1024;

    /**
     * Keeps {@code bytes} under {@code key}. Storing the same bytes again is a no-op (a restarted run
     * archives the same documents); different bytes under a key already used are refused, so an
     * archived copy is never replaced.
     *
     * @throws IllegalStateException when the key holds other bytes
     */
    void put(String key, byte[] bytes);

    Optional<byte[]> get(String key);

    /** Where a key is kept, for people (a path, a URL). */
    String locate(String key);
}
