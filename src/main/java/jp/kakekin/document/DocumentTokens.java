package jp.kakekin.document;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The opaque token of the QR code: an encrypted, authenticated reference to one issued document.
 * <p>
 * The unique code contains the contract number, so it must not be readable in the URL, yet the same
 * document must always give the same token (a restarted print run reproduces its PDFs) and the server
 * must get the reference back. That is deterministic authenticated encryption, built here as SIV
 * (RFC 5297's construction with HMAC-SHA256 as the PRF): the tag is HMAC(macKey, version ‖ payload)
 * truncated to 128 bits, and it doubles as the AES-CTR counter block that encrypts the payload.
 * Equal inputs give equal tokens and nothing else leaks; any change to a token fails verification.
 * <p>
 * Layout, base64url without padding (36 characters): version (1 byte) ‖ tag (16) ‖ encrypted payload (10):
 * year of the code (1), document letter (1), contract number and check digits as one 9-digit number (4),
 * sequence (1), check letter (1), issue date as days since 2000-01-01 (2).
 * <p>
 * Both keys are derived from one configured secret ({@code kakekin.qr.key}); changing the secret
 * invalidates every token already printed, so production sets it once and keeps it.
 */
public final class DocumentTokens {

    private static final byte VERSION = 1;
    private static final int TAG_LENGTH = 16;
    private static final int PAYLOAD_LENGTH = 10;
    private static final int TOKEN_LENGTH = 1 + TAG_LENGTH + PAYLOAD_LENGTH;
    private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;

    public DocumentTokens(String secret) {
        Objects.requireNonNull(secret, "kakekin.qr.key");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("kakekin.qr.key must be at least 16 characters (use 32 random ones)");
        }
        byte[] master = secret.getBytes(StandardCharsets.UTF_8);
        // Separate keys for encryption and authentication, derived as in HKDF-Expand with distinct labels.
        this.encryptionKey = new SecretKeySpec(Arrays.copyOf(hmac(master, "kakekin qr token enc v1"), 16), "AES");
        this.macKey = new SecretKeySpec(hmac(master, "kakekin qr token mac v1"), "HmacSHA256");
    }

    /** The token of an issued document; always the same for the same reference and key. */
    public String issue(DocumentReference reference) {
        byte[] payload = pack(reference);
        byte[] tag = tag(payload);
        byte[] token = new byte[TOKEN_LENGTH];
        token[0] = VERSION;
        System.arraycopy(tag, 0, token, 1, TAG_LENGTH);
        System.arraycopy(ctr(tag, payload), 0, token, 1 + TAG_LENGTH, PAYLOAD_LENGTH);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The reference behind a token, or empty when the token was not issued with this key (or was altered). */
    public Optional<DocumentReference> verify(String token) {
        if (token == null || token.length() != 36) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != TOKEN_LENGTH || raw[0] != VERSION) {
            return Optional.empty();
        }
        byte[] tag = Arrays.copyOfRange(raw, 1, 1 + TAG_LENGTH);
        byte[] payload = ctr(tag, Arrays.copyOfRange(raw, 1 + TAG_LENGTH, TOKEN_LENGTH));
        if (!MessageDigest.isEqual(tag, tag(payload))) {
            return Optional.empty();
        }
        return Optional.of(unpack(payload));
    }

    private static byte[] pack(DocumentReference reference) {
        String code = reference.uniqueCode().value();
        long days = reference.issuedOn().toEpochDay() - EPOCH.toEpochDay();
        if (days < 0 || days > 0xFFFF) {
            throw new IllegalArgumentException("issue date out of the token's range: " + reference.issuedOn());
        }
        // K yy L nnnnnnn cc ss X
        return ByteBuffer.allocate(PAYLOAD_LENGTH)
                .put((byte) Integer.parseInt(code.substring(1, 3)))
                .put((byte) code.charAt(3))
                .putInt(Integer.parseInt(code.substring(4, 13)))
                .put((byte) Integer.parseInt(code.substring(13, 15)))
                .put((byte) code.charAt(15))
                .putShort((short) days)
                .array();
    }

    private static DocumentReference unpack(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int year = in.get();
        char letter = (char) in.get();
        int number = in.getInt();
        int sequence = in.get();
        char check = (char) in.get();
        int days = Short.toUnsignedInt(in.getShort());
        String code = "K%02d%c%09d%02d%c".formatted(year, letter, number, sequence, check);
        // The tag already proves we minted it; the constructor re-checks the shape and check letter.
        return new DocumentReference(new UniqueCode(code), EPOCH.plusDays(days));
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(VERSION);
            return Arrays.copyOf(mac.doFinal(payload), TAG_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] ctr(byte[] iv, byte[] input) {
        try {
            byte[] counter = iv.clone();
            // RFC 5297 clears two bits so the counter never wraps into another token's keystream.
            counter[8] &= 0x7f;
            counter[12] &= 0x7f;
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(counter));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
