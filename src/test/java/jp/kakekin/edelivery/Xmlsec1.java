package jp.kakekin.edelivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's xmlsec1 (libxmlsec1 over OpenSSL): an implementation of XML-DSig that shares no code with the
 * JDK's, so a document it accepts is not merely consistent with our own verifier.
 */
public final class Xmlsec1 {

    static final String BINARY = "/usr/bin/xmlsec1";

    private Xmlsec1() {
    }

    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0 && output.contains("OK");
        }
    }

    public static Result verify(byte[] xml) {
        return verify(xml, Teg850.ROOT);
    }

    static Result verify(byte[] xml, String root) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            fail(BINARY + " is missing: install Debian's xmlsec1 (apt-get install xmlsec1); .ci/run does");
        }
        try {
            Path f = Files.createTempFile("teg850-", ".xml");
            try {
                Files.write(f, xml);
                Process p = new ProcessBuilder(BINARY, "--verify", "--insecure",
                        "--id-attr:id", Teg850.NS + ":" + root, f.toString())
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroy();
                    fail("xmlsec1 did not finish");
                }
                return new Result(p.exitValue(), out);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
