package jp.kakekin.edelivery;

import jp.kakekin.issuance.JapanClock;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

/** The private key that signs TEG850 documents and the certificate published with each signature. */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {

    public SigningKey {
        if (!(privateKey instanceof RSAPrivateKey)) {
            throw new IllegalArgumentException("TEG850 signatures are RSA-SHA256; the key is " + privateKey.getAlgorithm());
        }
        if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("the certificate does not carry an RSA key");
        }
    }

    /** Refuses to sign on a day the certificate does not cover: a relying party would reject the document. */
    public void checkValidOn(LocalDate day) {
        if (!validOn(certificate, day)) {
            throw new IllegalStateException("the signing certificate " + subject() + " is not valid on " + day
                    + " (valid " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ")");
        }
    }

    /** Whether the certificate's validity period covers any part of {@code day} (Japan time). */
    public static boolean validOn(X509Certificate certificate, LocalDate day) {
        Instant start = JapanClock.startOf(day);
        Instant end = JapanClock.startOf(day.plusDays(1));
        return certificate.getNotBefore().toInstant().isBefore(end)
                && !certificate.getNotAfter().toInstant().isBefore(start);
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    /** SHA-256 of the DER certificate, as hex: how an operator recognises the signer. */
    public String fingerprint() {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
