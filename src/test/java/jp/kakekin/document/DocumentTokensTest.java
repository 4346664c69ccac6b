package jp.kakekin.document;

import jp.kakekin.calc.DocumentKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentTokensTest {

    private final DocumentTokens tokens = new DocumentTokens("test-key-0123456789abcdef");
    private final DocumentReference original = new DocumentReference(
            UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000001", "28", 0), LocalDate.of(2026, 11, 20));

    @Test
    void verifiesBackToTheIssuedDocument() {
        String token = tokens.issue(original);
        assertThat(tokens.verify(token)).contains(original);
    }

    @Test
    void isDeterministicSoARestartedRunPrintsTheSameCode() {
        assertThat(tokens.issue(original)).isEqualTo(tokens.issue(original))
                .isEqualTo(new DocumentTokens("test-key-0123456789abcdef").issue(original));
    }

    @Test
    void isUrlSafeAndShowsNothingOfTheContract() {
        String token = tokens.issue(original);
        assertThat(token).hasSize(36).matches("[A-Za-z0-9_-]+");
        assertThat(token).doesNotContain("1000001").doesNotContain("K26");
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContain("1000001").doesNotContain("K26");
    }

    @Test
    void differsForEveryIssueOfTheSameContract() {
        Set<String> seen = new HashSet<>();
        for (int seq = 0; seq < 5; seq++) {
            for (DocumentKind kind : new DocumentKind[]{DocumentKind.NOVEMBER_CERTIFICATE, DocumentKind.FEBRUARY_CERTIFICATE}) {
                seen.add(tokens.issue(new DocumentReference(UniqueCode.of(kind, 2026, "1000001", "28", seq),
                        LocalDate.of(2026, 11, 20))));
            }
        }
        seen.add(tokens.issue(new DocumentReference(original.uniqueCode(), LocalDate.of(2026, 11, 21))));
        assertThat(seen).hasSize(11);
    }

    @Test
    void rejectsEveryAlteredCharacter() {
        String token = tokens.issue(original);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = alphabet.charAt((alphabet.indexOf(c) + 1 + i) % alphabet.length());
            String altered = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(tokens.verify(altered)).as("position %d", i).isEmpty();
        }
    }

    @Test
    void rejectsTokensOfAnotherKeyAndGarbage() {
        String token = new DocumentTokens("another-key-0123456789").issue(original);
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("!".repeat(36))).isEmpty();
        assertThat(tokens.verify("A".repeat(36))).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
    }

    /** Key rotation: the new key issues; tokens of the previous key still verify; each token names its key. */
    @Test
    void aRotatedKeyIssuesNewTokensAndThePreviousKeysTokensStillVerify() {
        DocumentTokens lastYear = new DocumentTokens("last-years-key-0123456789");
        String old = lastYear.issue(original);
        DocumentTokens rotated = new DocumentTokens("this-years-key-0123456789", java.util.List.of("last-years-key-0123456789"));
        assertThat(rotated.verify(old)).contains(original);
        String fresh = rotated.issue(original);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.verify(fresh)).contains(original);
        assertThat(lastYear.verify(fresh)).as("the old key never verifies the new key's tokens").isEmpty();
        assertThat(Base64.getUrlDecoder().decode(fresh)[0]).as("key id").isNotEqualTo(Base64.getUrlDecoder().decode(old)[0]);
        assertThat(new DocumentTokens("this-years-key-0123456789").verify(old)).as("once dropped, refused").isEmpty();
    }

    /** The key id is associated data of the AES-SIV encryption: changing it breaks the token. */
    @Test
    void theKeyIdIsAuthenticated() {
        String token = tokens.issue(original);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        int own = raw[0] & 0xFF;
        for (int id = 0; id < 256; id++) {
            if (id == own) {
                continue;
            }
            raw[0] = (byte) id;
            assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
        }
    }

    /** Whatever arrives in ?t= (a bad year, garbage of the right length) is "unknown", never an exception. */
    @Test
    void noTokenMakesVerificationThrow() {
        java.util.Random random = new java.util.Random(12);
        byte[] raw = new byte[27];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(raw);
            assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
        }
    }

    /**
     * The token keeps the QR code small: 36 characters, and the whole link of a production base URL fits a
     * version 5 code at error correction M (37×37 modules), the same as with the hand-built construction.
     */
    @Test
    void theTokenIsShortEnoughForASmallQrCode() throws Exception {
        String token = tokens.issue(original);
        assertThat(token).hasSize(DocumentTokens.TOKEN_CHARS).hasSize(36);
        String url = "https://kakekin.smrj.example.go.jp/reissue?t=" + token;
        var qr = com.google.zxing.qrcode.encoder.Encoder.encode(url,
                com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M);
        assertThat(qr.getVersion().getVersionNumber()).isLessThanOrEqualTo(5);
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new DocumentTokens("short")).hasMessageContaining("kakekin.qr.key");
    }
}
