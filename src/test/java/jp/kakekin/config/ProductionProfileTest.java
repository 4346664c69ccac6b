package jp.kakekin.config;

import jp.kakekin.Main;
import jp.kakekin.archive.ArchiveProperties;
import jp.kakekin.edelivery.EDeliveryProperties;
import jp.kakekin.render.QrProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile refuses development secrets (issue #12 item 3, docs/security.md): the public QR key,
 * a missing, generated or development keystore, a QR base URL on this machine. The default profile keeps
 * working with the development keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void keys() throws Exception {
        keystore = ProductionKeys.keystore(dir.resolve("keys"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({QrProperties.class, EDeliveryProperties.class, ArchiveProperties.class})
    static class Properties {
    }

    private static ApplicationContextRunner onProfile(String profile, String... properties) {
        return new ApplicationContextRunner()
                .withInitializer(c -> c.getEnvironment().setActiveProfiles(profile))
                .withUserConfiguration(Properties.class, ProductionProfile.class)
                .withPropertyValues(properties);
    }

    private static String[] production(String... overrides) {
        List<String> p = new ArrayList<>(ProductionKeys.properties(keystore));
        p.addAll(List.of(overrides));
        return p.toArray(String[]::new);
    }

    @Test
    void startsWithRealKeysOnEveryProductionProfileName() {
        for (String profile : List.of("postgres", "production", "prod")) {
            onProfile(profile, production()).run(c -> assertThat(c).hasNotFailed()
                    .hasSingleBean(ProductionProfile.Checked.class));
        }
    }

    @Test
    void refusesTheDevelopmentQrKey() {
        onProfile("postgres", production("kakekin.qr.key=" + QrProperties.DEVELOPMENT_KEY)).run(c ->
                assertThat(c).getFailure().rootCause().hasMessage(
                        "refusing to start on the production profile: kakekin.qr.key is the public development key (set KAKEKIN_QR_KEY)"));
        onProfile("postgres", production("kakekin.qr.key=short-but-16-chars")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("shorter than 32 characters"));
    }

    @Test
    void refusesAQrBaseUrlOnThisMachineOrWithoutHttps() {
        for (String url : List.of("http://localhost:8080", "https://localhost", "https://127.0.0.1:8443", "https://[::1]/",
                "https://0.0.0.0")) {
            onProfile("postgres", production("kakekin.qr.base-url=" + url)).run(c ->
                    assertThat(c).getFailure().rootCause().hasMessageContaining("kakekin.qr.base-url"));
        }
        onProfile("postgres", production("kakekin.qr.base-url=http://kakekin.example.jp")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("must be the public https:// address"));
        onProfile("postgres", production("kakekin.qr.previous-keys[0]=" + QrProperties.DEVELOPMENT_KEY)).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("kakekin.qr.previous-keys"));
    }

    @Test
    void refusesAMissingOrGeneratedOrDevelopmentKeystore() {
        onProfile("postgres", production("kakekin.e-delivery.keystore.path=" + dir.resolve("absent.p12"))).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("absent.p12 does not exist"));
        onProfile("postgres", production("kakekin.e-delivery.keystore.generate-if-missing=true")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("generate-if-missing is true"));
        onProfile("postgres", production("kakekin.e-delivery.keystore.password=wrong")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("wrong password"));
        // The key development generates on first use.
        Path dev = dir.resolve("dev").resolve("dev.p12");
        jp.kakekin.edelivery.SigningKeyStore.load(dev, "dev-password-x".toCharArray(), "e-delivery", true);
        onProfile("postgres", production("kakekin.e-delivery.keystore.path=" + dev,
                "kakekin.e-delivery.keystore.password=dev-password-x")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("holds the self-signed development key"));
    }

    @Test
    void refusesAnArchiveDirectoryNotSetOrRelativeAndAnHttpBucket() {
        List<String> withoutDir = new ArrayList<>(List.of(production()));
        withoutDir.removeIf(p -> p.startsWith("kakekin.archive.dir="));
        onProfile("postgres", withoutDir.toArray(String[]::new)).run(c ->
                assertThat(c).getFailure().rootCause().hasMessage("refusing to start on the production profile: "
                        + "kakekin.archive.dir is not set: archive copies need an absolute directory (KAKEKIN_ARCHIVE_DIR)"));
        onProfile("postgres", production("kakekin.archive.dir=./data/archive")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining(
                        "kakekin.archive.dir must be an absolute path, was data/archive (KAKEKIN_ARCHIVE_DIR)"));
        onProfile("postgres", production("kakekin.archive.store=s3", "kakekin.archive.s3.endpoint=http://minio.internal:9000"))
                .run(c -> assertThat(c).getFailure().rootCause()
                        .hasMessageContaining("kakekin.archive.s3.bucket is not set (KAKEKIN_ARCHIVE_S3_BUCKET)")
                        .hasMessageContaining("kakekin.archive.s3.endpoint must be https://, was http://minio.internal:9000"));
        onProfile("postgres", production("kakekin.archive.store=tape")).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("kakekin.archive.store must be directory or s3, was tape"));
        // an https bucket, or archiving turned off, starts
        onProfile("postgres", production("kakekin.archive.store=s3", "kakekin.archive.s3.bucket=archive",
                "kakekin.archive.s3.endpoint=https://s3.example.jp")).run(c -> assertThat(c).hasNotFailed());
        onProfile("postgres", production("kakekin.archive.enabled=false", "kakekin.archive.dir=relative")).run(c ->
                assertThat(c).hasNotFailed());
    }

    @Test
    void theDefaultProfileKeepsTheDevelopmentKeys() {
        onProfile("default", "kakekin.qr.key=" + QrProperties.DEVELOPMENT_KEY, "kakekin.qr.base-url=http://localhost:8080",
                "kakekin.e-delivery.keystore.generate-if-missing=true")
                .run(c -> assertThat(c).hasNotFailed().doesNotHaveBean(ProductionProfile.Checked.class));
    }

    /** The real start-up: application-postgres.yml has no secrets, so a bare production start names them all, in one line. */
    @Test
    void aBareProductionStartSaysWhatIsMissingInOneLine(CapturedOutput output) {
        for (String profile : List.of("postgres", "production")) {
            int before = output.getErr().length();
            // (the tests' config/application.yml gives every test an absolute archive directory; a relative one here)
            assertThat(Main.runCommand("--spring.profiles.active=" + profile, "--kakekin.archive.dir=data/archive",
                    "generate-ledger", "--count", "1",
                    "--year", "2026")).isEqualTo(1);
            String err = output.getErr().substring(before);
            String line = err.lines().filter(l -> l.contains("refusing to start on the production profile"))
                    .findFirst().orElseThrow(() -> new AssertionError(err));
            assertThat(line).contains("kakekin.qr.key is not set (KAKEKIN_QR_KEY)",
                    "kakekin.qr.base-url must be the public https:// address holders open, was http://localhost:8080 (KAKEKIN_QR_BASE_URL)",
                    "kakekin.e-delivery.keystore.path is not set (KAKEKIN_E_DELIVERY_KEYSTORE_PATH)",
                    "KAKEKIN_E_DELIVERY_KEYSTORE_PASSWORD", "kakekin.archive.dir must be an absolute path, was data/archive");
            assertThat(err).doesNotContain("\tat ");
        }
        // With the keys the same command runs.
        Path ledger = dir.resolve("one.jsonl");
        assertThat(Main.runCommand(Stream.concat(Stream.of("--spring.profiles.active=production", "generate-ledger",
                        "--count", "1", "--year", "2026", "--output", ledger.toString()),
                ProductionKeys.properties(keystore).stream().map(p -> "--" + p)).toArray(String[]::new))).isZero();
        assertThat(ledger).isNotEmptyFile();
    }
}
