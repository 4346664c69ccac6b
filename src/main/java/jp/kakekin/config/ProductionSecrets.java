package jp.kakekin.config;

import jp.kakekin.edelivery.EDeliveryProperties;
import jp.kakekin.edelivery.SigningKey;
import jp.kakekin.edelivery.SigningKeyStore;
import jp.kakekin.render.QrProperties;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the production profile refuses (docs/security.md, "Production keys"): the public development QR key,
 * a signing keystore that is missing, generated on first use or the development one, and a QR base URL
 * that a printed certificate could not reach (localhost) or that is not HTTPS. Every problem is named, so
 * one start-up tells the operator everything to fix.
 */
public final class ProductionSecrets {

    /** The development keystore password of application.yml. */
    static final String DEVELOPMENT_KEYSTORE_PASSWORD = "kakekin-dev-only";
    /** The development keystore of application.yml (also what an unset path falls back to). */
    static final Path DEVELOPMENT_KEYSTORE_PATH = Path.of("data", "e-delivery-dev.p12");

    private ProductionSecrets() {
    }

    /** @return the problems, each a short phrase naming the setting and its environment variable; empty when none */
    public static List<String> problems(QrProperties qr, EDeliveryProperties eDelivery) {
        List<String> problems = new ArrayList<>();
        if (qr.key() == null || qr.key().isBlank()) {
            problems.add("kakekin.qr.key is not set (KAKEKIN_QR_KEY)");
        } else if (qr.usesDevelopmentKey()) {
            problems.add("kakekin.qr.key is the public development key (set KAKEKIN_QR_KEY)");
        } else if (qr.key().length() < 32) {
            problems.add("kakekin.qr.key is shorter than 32 characters (KAKEKIN_QR_KEY)");
        }
        if (qr.previousKeys().stream().anyMatch(k -> k == null || k.isBlank() || QrProperties.DEVELOPMENT_KEY.equals(k))) {
            problems.add("kakekin.qr.previous-keys holds the public development key or an empty one");
        }
        String baseUrlProblem = baseUrlProblem(qr.baseUrl());
        if (baseUrlProblem != null) {
            problems.add(baseUrlProblem);
        }
        problems.addAll(keystoreProblems(eDelivery.keystore()));
        return problems;
    }

    private static String baseUrlProblem(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return "kakekin.qr.base-url is not set (KAKEKIN_QR_BASE_URL)";
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            return "kakekin.qr.base-url is not a URL: " + baseUrl;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return "kakekin.qr.base-url must be the public https:// address holders open, was " + baseUrl
                    + " (KAKEKIN_QR_BASE_URL)";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost") || isLocalLiteral(host)) {
            return "kakekin.qr.base-url points at this machine (" + host + "); printed QR codes must open the public "
                    + "site (KAKEKIN_QR_BASE_URL)";
        }
        return null;
    }

    /** An IP literal of loopback, the wildcard or a link-local address (no name lookup: start-up stays offline). */
    private static boolean isLocalLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(h); // a literal: parsed, never looked up
            return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> keystoreProblems(EDeliveryProperties.Keystore ks) {
        List<String> problems = new ArrayList<>();
        if (ks.generateIfMissing()) {
            problems.add("kakekin.e-delivery.keystore.generate-if-missing is true "
                    + "(set KAKEKIN_E_DELIVERY_KEYSTORE_GENERATE_IF_MISSING=false)");
        }
        boolean pathSet = ks.path() != null && !ks.path().toString().isBlank()
                && !ks.path().normalize().equals(DEVELOPMENT_KEYSTORE_PATH);
        if (!pathSet) {
            problems.add("kakekin.e-delivery.keystore.path is not set (KAKEKIN_E_DELIVERY_KEYSTORE_PATH)");
        }
        boolean passwordSet = ks.password() != null && !ks.password().isEmpty()
                && !ks.password().equals(DEVELOPMENT_KEYSTORE_PASSWORD);
        if (!passwordSet) {
            problems.add("kakekin.e-delivery.keystore.password is " + (ks.password() == null || ks.password().isEmpty()
                    ? "not set" : "the development password") + " (KAKEKIN_E_DELIVERY_KEYSTORE_PASSWORD)");
        }
        if (!pathSet || !passwordSet) {
            return problems;
        }
        if (!Files.isRegularFile(ks.path())) {
            problems.add("the signing keystore " + ks.path().toAbsolutePath()
                    + " does not exist (KAKEKIN_E_DELIVERY_KEYSTORE_PATH)");
            return problems;
        }
        try {
            SigningKey key = SigningKeyStore.load(ks.path(), ks.password().toCharArray(), ks.alias(), false);
            if (SigningKeyStore.isDevelopmentCertificate(key.certificate())) {
                problems.add("the signing keystore " + ks.path() + " holds the self-signed development key");
            }
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }
}
