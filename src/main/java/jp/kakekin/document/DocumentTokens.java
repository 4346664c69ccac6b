package jp.kakekin.document;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The opaque token of the QR code: an encrypted, authenticated reference to one issued document.
 * <p>
 * The unique code contains the contract number, so it must not be readable in the URL, yet the same
 * document must always give the same token (a restarted print run reproduces its PDFs) and the server
 * must get the reference back. That is deterministic authenticated encryption: Tink's AES-SIV (RFC 5297,
 * AES-256-SIV), a reviewed implementation rather than one of our own. Equal inputs give equal tokens and
 * nothing else leaks; any change to a token fails verification.
 * <p>
 * Layout, base64url without padding (36 characters, so the QR code stays small): key id (1 byte) ‖ AES-SIV
 * ciphertext (16-byte synthetic IV ‖ 10 encrypted bytes) of the payload — year of the code (1), document
 * letter (1), contract number and check digits as one 9-digit number (4), sequence (1), check letter (1),
 * issue date as days since 2000-01-01 (2). The key id is authenticated too (associated data).
 * <p>
 * Keys are derived with HKDF-SHA256 from the configured secrets: {@code kakekin.qr.key} issues new tokens;
 * {@code kakekin.qr.previous-keys} only verify, so certificates printed before a key rotation keep a
 * working code. The key id is a byte of the key's own derivation, so no id needs configuring; should two
 * keys share one, both are tried (the wrong one cannot authenticate). Tink's own 5-byte key prefix would
 * make the token 42 characters; one byte is plenty for a handful of keys.
 */
public final class DocumentTokens {

    private static final int SIV_LENGTH = 16;
    private static final int PAYLOAD_LENGTH = 10;
    private static final int TOKEN_LENGTH = 1 + SIV_LENGTH + PAYLOAD_LENGTH;
    /** Characters of a token: 27 bytes in base64url. */
    public static final int TOKEN_CHARS = (TOKEN_LENGTH * 8 + 5) / 6;
    private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
    private static final byte[] SALT = "kakekin qr token".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "kakekin qr token v2|".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            DeterministicAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Key(int id, DeterministicAead aead) {
    }

    private final Key current;
    private final List<Key> keys;

    public DocumentTokens(String secret) {
        this(secret, List.of());
    }

    /**
     * @param secret   the key new tokens are issued with ({@code kakekin.qr.key})
     * @param previous keys of earlier years, still accepted when verifying ({@code kakekin.qr.previous-keys})
     */
    public DocumentTokens(String secret, List<String> previous) {
        this.current = key(Objects.requireNonNull(secret, "kakekin.qr.key"), "kakekin.qr.key");
        List<Key> all = new ArrayList<>();
        all.add(current);
        for (String p : previous) {
            if (p != null && !p.isBlank()) {
                all.add(key(p, "kakekin.qr.previous-keys"));
            }
        }
        this.keys = List.copyOf(all);
    }

    private static Key key(String secret, String setting) {
        if (secret.length() < 16) {
            throw new IllegalArgumentException(setting + " must be at least 16 characters (use 32 random ones)");
        }
        try {
            byte[] master = secret.getBytes(StandardCharsets.UTF_8);
            byte[] material = Hkdf.computeHkdf("HMACSHA256", master, SALT,
                    "aes-siv key".getBytes(StandardCharsets.UTF_8), 64);
            int id = Hkdf.computeHkdf("HMACSHA256", master, SALT, "key id".getBytes(StandardCharsets.UTF_8), 1)[0] & 0xFF;
            AesSivKey key = AesSivKey.builder()
                    .setParameters(AesSivParameters.builder().setKeySizeBytes(64)
                            .setVariant(AesSivParameters.Variant.NO_PREFIX).build())
                    .setKeyBytes(SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()))
                    .build();
            KeysetHandle keyset = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build();
            return new Key(id, keyset.getPrimitive(RegistryConfiguration.get(), DeterministicAead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the QR token key: " + e.getMessage(), e);
        }
    }

    /** The token of an issued document; always the same for the same reference and key. */
    public String issue(DocumentReference reference) {
        byte[] payload = pack(reference);
        try {
            byte[] sealed = current.aead().encryptDeterministically(payload, associated(current.id()));
            byte[] token = new byte[TOKEN_LENGTH];
            token[0] = (byte) current.id();
            System.arraycopy(sealed, 0, token, 1, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-SIV encryption failed", e);
        }
    }

    /**
     * The reference behind a token, or empty when the token was not issued with one of the keys (or was
     * altered, or holds a reference that is not a document's): never an exception for a bad token.
     */
    public Optional<DocumentReference> verify(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != TOKEN_LENGTH) {
            return Optional.empty();
        }
        int id = raw[0] & 0xFF;
        byte[] sealed = Arrays.copyOfRange(raw, 1, TOKEN_LENGTH);
        for (Key k : keys) {
            if (k.id() != id) {
                continue;
            }
            try {
                return unpack(k.aead().decryptDeterministically(sealed, associated(id)));
            } catch (GeneralSecurityException e) {
                // not this key's: try another with the same id, if any
            }
        }
        return Optional.empty();
    }

    private static byte[] associated(int keyId) {
        byte[] ad = Arrays.copyOf(CONTEXT, CONTEXT.length + 1);
        ad[CONTEXT.length] = (byte) keyId;
        return ad;
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

    private static Optional<DocumentReference> unpack(byte[] payload) {
        if (payload.length != PAYLOAD_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int year = in.get();
        char letter = (char) in.get();
        int number = in.getInt();
        int sequence = in.get();
        char check = (char) in.get();
        int days = Short.toUnsignedInt(in.getShort());
        if (year < 0 || year > 99 || number < 0 || number > 999_999_999 || sequence < 0 || sequence > 99) {
            return Optional.empty();
        }
        String code = "K%02d%c%09d%02d%c".formatted(year, letter, number, sequence, check);
        // Authenticated means we minted it; the shape and check letter are re-checked all the same, so a
        // reference no document can have is "unknown", not an error page.
        if (!UniqueCode.isValid(code)) {
            return Optional.empty();
        }
        return Optional.of(new DocumentReference(new UniqueCode(code), EPOCH.plusDays(days)));
    }
}
