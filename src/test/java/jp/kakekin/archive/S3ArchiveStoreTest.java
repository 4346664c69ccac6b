package jp.kakekin.archive;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3ArchiveStore} against a real S3-compatible server started here: S3Proxy (in-process, jclouds'
 * transient in-memory backend, AWS signature v4 with a test key pair) on a free port. Objects are written
 * once, read back with their SHA-256 checked, and a damaged object is refused.
 */
class S3ArchiveStoreTest {

    static final String ACCESS = "kakekin-test-access";
    static final String SECRET = "kakekin-test-secret-0123456789";
    static final String BUCKET = "kakekin-archive";

    static S3Proxy proxy;
    static BlobStoreContext backend;
    static S3Client s3;
    static URI endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        Properties p = new Properties();
        backend = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(p)
                .build(BlobStoreContext.class);
        BlobStore blobs = backend.getBlobStore();
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        s3 = client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (backend != null) {
            backend.close();
        }
    }

    static String key(byte[] bytes, String ext) {
        return DocumentArchive.key("K26N10000012800Y", PdfA3.sha256Hex(bytes)).replace(".pdf", ext);
    }

    @Test
    void writesOnceAndReadsBackUnderThePrefix() {
        S3ArchiveStore store = new S3ArchiveStore(s3, BUCKET, "kakekin/archive");
        byte[] copy = "%PDF-1.7 the archive copy".getBytes(StandardCharsets.US_ASCII);
        String key = key(copy, ".pdf");
        assertThat(store.get(key)).isEmpty();
        store.put(key, copy);
        assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(copy));
        // really in the bucket, under the prefix, with its digest recorded and its type
        var head = s3.headObject(b -> b.bucket(BUCKET).key("kakekin/archive/" + key));
        assertThat(head.metadata()).containsEntry("sha256", PdfA3.sha256Hex(copy));
        assertThat(head.contentType()).isEqualTo("application/pdf");
        assertThat(store.locate(key)).isEqualTo("s3://" + BUCKET + "/kakekin/archive/" + key);

        store.put(key, copy.clone()); // the same bytes again: a no-op
        assertThatThrownBy(() -> store.put(key, "%PDF-1.7 other bytes".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never replaced");
        assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(copy));
    }

    @Test
    void theServerRefusesASecondWriteOfAKeyAfterTheHeadCheck() {
        // What If-None-Match: * does when two writers race past the HEAD: the second PUT is refused (412).
        String object = "race/" + PdfA3.sha256Hex(new byte[] {1}) + ".xml";
        s3.putObject(b -> b.bucket(BUCKET).key(object).ifNoneMatch("*"), RequestBody.fromBytes(new byte[] {1}));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(BUCKET).key(object).ifNoneMatch("*"),
                RequestBody.fromBytes(new byte[] {2})))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.s3.model.S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(object)).asByteArray()).containsExactly(1);
    }

    @Test
    void aDamagedObjectIsRefusedOnRead() {
        S3ArchiveStore store = new S3ArchiveStore(s3, BUCKET, "");
        byte[] copy = "<TEG850/>".getBytes(StandardCharsets.UTF_8);
        String key = key(copy, ".xml");
        store.put(key, copy);
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key(key)).contentType()).isEqualTo("application/xml");
        // Someone with write access to the bucket replaces the object (keeping its recorded digest).
        s3.putObject(b -> b.bucket(BUCKET).key(key).metadata(Map.of("sha256", PdfA3.sha256Hex(copy))),
                RequestBody.fromBytes("<TEG850>altered</TEG850>".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is damaged");
        // and an object whose recorded digest and key agree with each other but not with its bytes
        String other = "other/" + PdfA3.sha256Hex(copy) + ".xml";
        s3.putObject(b -> b.bucket(BUCKET).key(other), RequestBody.fromBytes("x".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> new S3ArchiveStore(s3, BUCKET, "").get(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its key names");
    }

    @Test
    void keysOutsideTheArchiveAreRefused() {
        S3ArchiveStore store = new S3ArchiveStore(s3, BUCKET, "p/");
        assertThatThrownBy(() -> store.put("../x.pdf", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("/abs.pdf")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3ArchiveStore(s3, " ", "")).hasMessageContaining("kakekin.archive.s3.bucket");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ArchiveProperties.class)
    static class Props {
    }

    @Test
    void configuredByKakekinArchiveStoreS3() {
        // The SDK's standard credentials: here its system properties (environment variables in production).
        String previousAccess = System.getProperty("aws.accessKeyId");
        String previousSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        try {
            new ApplicationContextRunner().withUserConfiguration(Props.class)
                    .withPropertyValues("kakekin.archive.store=s3", "kakekin.archive.s3.bucket=" + BUCKET,
                            "kakekin.archive.s3.endpoint=" + endpoint, "kakekin.archive.s3.path-style=true",
                            "kakekin.archive.s3.prefix=configured/")
                    .run(c -> {
                        assertThat(c).hasNotFailed();
                        ArchiveStore store = ArchiveConfiguration.store(c.getBean(ArchiveProperties.class));
                        assertThat(store).isInstanceOf(S3ArchiveStore.class);
                        byte[] copy = "configured".getBytes(StandardCharsets.US_ASCII);
                        String key = key(copy, ".pdf");
                        store.put(key, copy);
                        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("configured/" + key)).asByteArray())
                                .isEqualTo(copy);
                        ((S3ArchiveStore) store).close();
                    });
        } finally {
            restore("aws.accessKeyId", previousAccess);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
