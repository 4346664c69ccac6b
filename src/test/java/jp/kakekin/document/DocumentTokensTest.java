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
        assertThat(tokens.verify(token + "A")).isEmpty();
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new DocumentTokens("short")).hasMessageContaining("kakekin.qr.key");
    }
}
