package jp.kakekin.edelivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loads the signing key from a PKCS#12 keystore. In development (and in tests) a missing keystore can be
 * generated on first use: a self-signed RSA 2048 certificate made by the JDK's own {@code keytool}, so
 * no key ever needs to live in the repository. In production the keystore holds the operator's key
 * and certificate and {@code generateIfMissing} is false, so a missing file is an error, never a
 * silently self-signed run.
 */
public final class SigningKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyStore.class);
    static final String DEV_SUBJECT = "CN=kakekin e-delivery DEVELOPMENT signer (not for production), O=kakekin, C=JP";
    static final int DEV_VALIDITY_DAYS = 3650;

    private SigningKeyStore() {
    }

    /** Whether this is the self-signed key {@link #generate} makes for development (never for production). */
    public static boolean isDevelopmentCertificate(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(new javax.security.auth.x500.X500Principal(DEV_SUBJECT));
    }

    public static SigningKey load(Path keystore, char[] password, String alias, boolean generateIfMissing) {
        if (!Files.exists(keystore)) {
            if (!generateIfMissing) {
                throw new IllegalStateException("signing keystore " + keystore.toAbsolutePath()
                        + " does not exist (kakekin.e-delivery.keystore.path); generation is switched off");
            }
            generate(keystore, password, alias);
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            if (!ks.isKeyEntry(alias)) {
                throw new IllegalStateException("keystore " + keystore + " has no key entry '" + alias
                        + "' (entries: " + java.util.Collections.list(ks.aliases()) + ")");
            }
            Key key = ks.getKey(alias, password);
            Certificate cert = ks.getCertificate(alias);
            if (!(key instanceof PrivateKey pk) || !(cert instanceof X509Certificate x509)) {
                throw new IllegalStateException("keystore entry '" + alias + "' is not a private key with an X.509 certificate");
            }
            return new SigningKey(pk, x509);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keystore " + keystore
                    + " (wrong password or not PKCS#12?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the signing key from " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificate of the signing key, for checking signatures: never generates a keystore (a verifier
     * that made itself a key would trust whatever it signs next).
     */
    public static X509Certificate certificate(Path keystore, char[] password, String alias) {
        if (!Files.exists(keystore)) {
            throw new IllegalStateException("signing keystore " + keystore.toAbsolutePath()
                    + " does not exist (kakekin.e-delivery.keystore.path)");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            if (!(ks.getCertificate(alias) instanceof X509Certificate x509)) {
                throw new IllegalStateException("keystore " + keystore + " has no certificate '" + alias + "'");
            }
            return x509;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing keystore " + keystore
                    + " (wrong password or not PKCS#12?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the signing certificate from " + keystore + ": "
                    + e.getMessage(), e);
        }
    }

    /** An X.509 certificate file, PEM or DER. */
    public static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + file, e);
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(file + " is not an X.509 certificate (PEM or DER)", e);
        }
    }

    /**
     * Generates a self-signed development keystore with the JDK's keytool (the JDK has no public API for
     * making a certificate). Written next to the target and moved into place, so two processes starting
     * at once never read a half-written file.
     */
    static void generate(Path keystore, char[] password, String alias) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        try {
            Path dir = keystore.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(keystore.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                    "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-validity", String.valueOf(DEV_VALIDITY_DAYS), "-dname", DEV_SUBJECT,
                    "-storetype", "PKCS12", "-keystore", tmp.toString(),
                    // :env keeps the password off the command line (visible to ps).
                    "-storepass:env", "KAKEKIN_KEYSTORE_PASSWORD", "-keypass:env", "KAKEKIN_KEYSTORE_PASSWORD");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("KAKEKIN_KEYSTORE_PASSWORD", new String(password));
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroy();
                Files.deleteIfExists(tmp);
                throw new IllegalStateException("keytool could not generate " + keystore + ": " + output.strip());
            }
            try {
                Files.move(tmp, keystore, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.warn("generated a self-signed DEVELOPMENT signing key in " + keystore.toAbsolutePath()
                    + "; production must configure the operator's keystore");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate signing keystore " + keystore, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating " + keystore, e);
        }
    }
}
