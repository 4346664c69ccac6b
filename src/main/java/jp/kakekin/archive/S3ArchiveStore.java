package jp.kakekin.archive;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Archive copies in an S3-compatible bucket ({@code kakekin.archive.store=s3}, docs/archive.md): one object
 * per key under {@code <prefix>}, its SHA-256 (hex) kept in the object's user metadata
 * ({@code x-amz-meta-sha256}).
 * <p>
 * <b>Written once</b>: a HEAD first (an object already under the key: the same bytes are a no-op, others
 * are refused), then the PUT with {@code If-None-Match: *}, so that of two writers racing for one key only
 * the first succeeds on a server that supports conditional writes (AWS S3 since 2024, MinIO, S3Proxy); the
 * loser reads what won and compares. On a server that ignores the header the HEAD check alone protects
 * the copy (a race of two writers of one key inside milliseconds is then not detected — keys are
 * content-addressed, so they would write the same bytes anyway). Bucket versioning or Object Lock
 * (WORM), set on the bucket by its owner, is the stronger guarantee and is recommended.
 * <p>
 * <b>Checked on read</b>: {@link #get} computes the SHA-256 of the bytes read and refuses them when it differs
 * from the one recorded with the object, or from the digest a content-addressed key names.
 */
public final class S3ArchiveStore implements ArchiveStore, AutoCloseable {

    static final String SHA256_METADATA = "sha256";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix put before every key ({@code kakekin/archive/}); empty or null for none. A prefix that
     *               does not end with a slash gets one.
     */
    public S3ArchiveStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("kakekin.archive.s3.bucket is not set");
        }
        this.bucket = bucket;
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    @Override
    public void put(String key, byte[] bytes) {
        String object = object(key);
        String sha256 = PdfA3.sha256Hex(bytes);
        Optional<HeadObjectResponse> existing = head(object);
        if (existing.isPresent()) {
            sameOrRefuse(key, bytes);
            return;
        }
        try {
            s3.putObject(b -> b.bucket(bucket).key(object).ifNoneMatch("*").contentType(contentType(key))
                            .contentLength((long) bytes.length).metadata(Map.of(SHA256_METADATA, sha256)),
                    RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                // Another writer put the key between our HEAD and our PUT.
                sameOrRefuse(key, bytes);
                return;
            }
            throw failure("cannot archive", object, e);
        }
    }

    private void sameOrRefuse(String key, byte[] bytes) {
        byte[] stored = get(key).orElseThrow(() -> new IllegalStateException(
                "archive " + locate(key) + " exists but cannot be read back"));
        if (!Arrays.equals(stored, bytes)) {
            throw new IllegalStateException("archive " + locate(key) + " already holds another copy; archived copies are never replaced");
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        String object = object(key);
        byte[] bytes;
        GetObjectResponse response;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(object))) {
            response = in.response();
            Long length = response.contentLength();
            if (length != null && length > MAX_COPY_BYTES) {
                throw new IllegalStateException("archive " + locate(key) + " holds " + length
                        + " bytes, more than an archive copy may (" + MAX_COPY_BYTES + ")");
            }
            bytes = in.readNBytes((int) MAX_COPY_BYTES + 1);
            if (bytes.length > MAX_COPY_BYTES) {
                throw new IllegalStateException("archive " + locate(key) + " holds more than " + MAX_COPY_BYTES + " bytes");
            }
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot read", object, e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + locate(key) + ": " + e.getMessage(), e);
        }
        String actual = PdfA3.sha256Hex(bytes);
        String recorded = response.metadata().get(SHA256_METADATA);
        if (recorded != null && !recorded.toLowerCase(Locale.ROOT).equals(actual)) {
            throw new IllegalStateException("archive " + locate(key) + " is damaged: its SHA-256 is " + actual
                    + ", the object was stored with " + recorded);
        }
        String named = DocumentArchive.digestOf(key);
        if (named != null && !named.equals(actual)) {
            throw new IllegalStateException("archive " + locate(key) + " is damaged: its SHA-256 is " + actual
                    + ", its key names " + named);
        }
        return Optional.of(bytes);
    }

    @Override
    public String locate(String key) {
        return "s3://" + bucket + "/" + object(key);
    }

    /** Closes the client (the Spring bean is closed with the context). */
    @Override
    public void close() {
        s3.close();
    }

    private Optional<HeadObjectResponse> head(String object) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(object)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot look up", object, e);
        }
    }

    private String object(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || Arrays.asList(key.split("/")).contains("..")) {
            throw new IllegalArgumentException("archive key outside the archive: " + key);
        }
        return prefix + key;
    }

    private static String contentType(String key) {
        return key.endsWith(".xml") ? "application/xml" : key.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
    }

    private RuntimeException failure(String what, String object, S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return new IllegalStateException(what + " s3://" + bucket + "/" + object + ": HTTP " + e.statusCode()
                + (code == null ? "" : " " + code) + ": " + e.getMessage(), e);
    }
}
