package jp.kakekin.edelivery;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What {@link Teg850Verifier} checked about one document, check by check, so the {@code verify} command
 * can print it and a caller can tell a tampered amount from a schema error.
 *
 * @param certificate the content read back, or null when the document could not be read
 * @param signer      the certificate in KeyInfo, or null when there is none
 */
public record Teg850Verification(String source, List<Check> checks, Teg850Certificate certificate,
                                 X509Certificate signer) {

    public Teg850Verification {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::ok);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    /** One thing that was checked; {@code detail} says what was found. */
    public record Check(String name, boolean ok, String detail) {
        public static Check pass(String name, String detail) {
            return new Check(name, true, detail);
        }

        public static Check fail(String name, String detail) {
            return new Check(name, false, detail);
        }
    }
}
