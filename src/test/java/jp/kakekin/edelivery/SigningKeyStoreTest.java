package jp.kakekin.edelivery;

import jp.kakekin.issuance.JapanClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeystoreIsAnErrorUnlessGenerationIsOn() {
        Path ks = dir.resolve("missing.p12");
        assertThatThrownBy(() -> SigningKeyStore.load(ks, "pw-test".toCharArray(), "a", false))
                .hasMessageContaining("does not exist").hasMessageContaining("generation is switched off");
        assertThat(ks).doesNotExist();
    }

    @Test
    void generatesASelfSignedDevelopmentKeyOnceAndReloadsIt() {
        Path ks = dir.resolve("sub/dev.p12");
        SigningKey first = SigningKeyStore.load(ks, "pw-test".toCharArray(), "e-delivery", true);
        SigningKey again = SigningKeyStore.load(ks, "pw-test".toCharArray(), "e-delivery", true);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(first.subject()).contains("DEVELOPMENT");
        assertThat(first.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(SigningKey.validOn(first.certificate(), JapanClock.system().today())).isTrue();
        assertThat(SigningKey.validOn(first.certificate(), JapanClock.system().today().minusDays(2))).isFalse();
        assertThat(dir.resolve("sub")).isDirectoryNotContaining("glob:**.tmp-*");
    }

    @Test
    void aWrongPasswordOrAliasIsReportedClearly() {
        Path ks = dir.resolve("dev.p12");
        SigningKeyStore.load(ks, "pw-test".toCharArray(), "e-delivery", true);
        assertThatThrownBy(() -> SigningKeyStore.load(ks, "wrong-pw".toCharArray(), "e-delivery", false))
                .hasMessageContaining(ks.toString());
        assertThatThrownBy(() -> SigningKeyStore.load(ks, "pw-test".toCharArray(), "other", false))
                .hasMessageContaining("no key entry 'other'");
    }

    @Test
    void signingOnADayTheCertificateDoesNotCoverIsRefused() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        var header = new Teg850Header(Teg850Header.idFor(c.uniqueCode()), LocalDate.of(2020, 1, 6), "x", "y");
        var doc = Teg850Writer.write(header, c);
        assertThatThrownBy(() -> new Teg850Signer(Fixtures.key()).sign(doc)).hasMessageContaining("not valid on 2020-01-06");
    }
}
