package jp.kakekin.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test secrets as production has them: a PKCS#12 keystore of its own (not the development one) and a QR
 * key, for the tests that start the application on the production profile.
 */
public final class ProductionKeys {

    public static final String PASSWORD = "test-keystore-password-not-dev";
    public static final String ALIAS = "e-delivery";
    public static final String QR_KEY = "test-qr-key-0123456789abcdefghijklmnopqrstuv";
    public static final String BASE_URL = "https://kakekin.example.jp";

    private ProductionKeys() {
    }

    /** A self-signed RSA key for a test "operator", made with the JDK's keytool. */
    public static Path keystore(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("production-test.p12");
        if (Files.exists(file)) {
            return file;
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-noprompt", "-alias", ALIAS,
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "3650",
                "-dname", "CN=kakekin production TEST signer, O=kakekin tests, C=JP", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return file;
    }

    /** The production settings as properties (for @SpringBootTest or --x=y arguments). */
    public static List<String> properties(Path keystore) {
        return List.of("kakekin.qr.key=" + QR_KEY, "kakekin.qr.base-url=" + BASE_URL,
                "kakekin.e-delivery.keystore.path=" + keystore, "kakekin.e-delivery.keystore.password=" + PASSWORD,
                "kakekin.e-delivery.keystore.alias=" + ALIAS,
                "kakekin.archive.dir=" + keystore.toAbsolutePath().getParent().resolve("archive"));
    }
}
