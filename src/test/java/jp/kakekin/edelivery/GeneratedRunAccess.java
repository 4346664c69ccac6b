package jp.kakekin.edelivery;

import org.w3c.dom.Document;
import org.w3c.dom.Node;

import javax.xml.crypto.dsig.XMLSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Lets tests of other packages (the CLI) write the generated run's ledger file, and forge documents. */
public final class GeneratedRunAccess {

    private GeneratedRunAccess() {
    }

    public static Path november(Path dir) {
        return GeneratedRun.november(0).write(dir);
    }

    /**
     * A forgery: the document with {@code from} replaced by {@code to}, signed again by a fresh self-signed key
     * "CN=attacker" (made with keytool into {@code keystore}): a valid signature by the wrong signer.
     */
    public static byte[] reSign(byte[] xml, String from, String to, Path keystore) {
        String text = new String(xml, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("the document has no " + from);
        }
        Document doc = Teg850Reader.parse(text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        Node sig = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        sig.getParentNode().removeChild(sig);
        new Teg850Signer(attacker(keystore)).sign(doc);
        return Teg850Writer.serialize(doc);
    }

    /** The attacker's certificate as PEM, for a test that trusts it explicitly. */
    public static void writeCertificate(Path keystore, Path pem) throws Exception {
        byte[] der = attacker(keystore).certificate().getEncoded();
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
    }

    private static SigningKey attacker(Path keystore) {
        if (!Files.exists(keystore)) {
            try {
                Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-noprompt", "-alias", "a", "-keyalg", "RSA", "-keysize", "2048",
                        "-sigalg", "SHA256withRSA", "-validity", "3650", "-dname", "CN=attacker, O=nobody, C=JP",
                        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "attacker",
                        "-keypass", "attacker")).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("keytool: " + out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return SigningKeyStore.load(keystore, "attacker".toCharArray(), "a", false);
    }
}
