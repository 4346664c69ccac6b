package jp.kakekin.archive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kakekin.archive.*} (docs/archive.md): whether archive copies are made and where they are kept.
 *
 * @param enabled make archive copies (default true)
 * @param store   {@code directory} (default: {@code dir}) or {@code s3} (an S3-compatible bucket: {@code s3.*})
 * @param dir     the directory of {@code store=directory}; unset: {@code ./data/archive} (refused on the
 *                production profile, which wants an absolute path set on purpose)
 * @param s3      the bucket of {@code store=s3}
 */
@ConfigurationProperties("kakekin.archive")
public record ArchiveProperties(@DefaultValue("true") boolean enabled, @DefaultValue("directory") String store, Path dir,
                                @DefaultValue S3 s3) {

    public static final Path DEFAULT_DIR = Path.of("data", "archive");

    /**
     * @param bucket    the bucket (required)
     * @param endpoint  the server, e.g. {@code https://s3.ap-northeast-1.amazonaws.com} or a MinIO / Ceph / S3Proxy
     *                  address; unset: AWS S3 of {@code region}
     * @param region    the signing region (default: the SDK's region chain — {@code AWS_REGION}, the profile —
     *                  else {@code us-east-1} when an endpoint is given)
     * @param prefix    put before every key, e.g. {@code kakekin/archive/}
     * @param pathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key}, as most
     *                  S3-compatible servers want
     */
    public record S3(String bucket, URI endpoint, String region, @DefaultValue("") String prefix,
                     @DefaultValue("false") boolean pathStyle) {
    }

    public enum Kind {
        DIRECTORY, S3;

        static Kind of(String value) {
            String v = value == null ? "directory" : value.strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "directory", "dir", "filesystem" -> DIRECTORY;
                case "s3" -> S3;
                default -> throw new IllegalArgumentException(
                        "kakekin.archive.store must be directory or s3, was " + value);
            };
        }
    }

    /** @throws IllegalArgumentException naming the setting when {@code store} is neither */
    public Kind kind() {
        return Kind.of(store);
    }

    public Path dirOrDefault() {
        return dir != null ? dir : DEFAULT_DIR;
    }

    /**
     * What the production profile refuses (docs/security.md): a directory that is not set on purpose or is
     * relative (it would follow the working directory of whoever starts a command), a bucket that is not
     * named, an endpoint over plain http (the copies and the credentials' signatures in clear).
     */
    public List<String> productionProblems() {
        List<String> problems = new ArrayList<>();
        if (!enabled) {
            return problems;
        }
        Kind kind;
        try {
            kind = kind();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (KAKEKIN_ARCHIVE_STORE)");
            return problems;
        }
        switch (kind) {
            case DIRECTORY -> {
                if (dir == null || dir.toString().isBlank()) {
                    problems.add("kakekin.archive.dir is not set: archive copies need an absolute directory (KAKEKIN_ARCHIVE_DIR)");
                } else if (!dir.isAbsolute()) {
                    problems.add("kakekin.archive.dir must be an absolute path, was " + dir + " (KAKEKIN_ARCHIVE_DIR)");
                }
            }
            case S3 -> {
                if (s3 == null || s3.bucket() == null || s3.bucket().isBlank()) {
                    problems.add("kakekin.archive.s3.bucket is not set (KAKEKIN_ARCHIVE_S3_BUCKET)");
                }
                URI endpoint = s3 == null ? null : s3.endpoint();
                if (endpoint != null && !"https".equalsIgnoreCase(endpoint.getScheme())) {
                    problems.add("kakekin.archive.s3.endpoint must be https://, was " + endpoint
                            + " (KAKEKIN_ARCHIVE_S3_ENDPOINT)");
                }
            }
        }
        return problems;
    }
}
