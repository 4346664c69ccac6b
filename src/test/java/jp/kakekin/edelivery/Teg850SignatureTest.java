package jp.kakekin.edelivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The enveloped XML-DSig: verified by our verifier and by xmlsec1, and broken by any change after signing. */
class Teg850SignatureTest {

    private static final Teg850Verifier VERIFIER = Fixtures.verifier();

    private static String signedNovember() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        return new String(Fixtures.signed(c), StandardCharsets.UTF_8);
    }

    @Test
    void aSignedDocumentVerifiesWithOurVerifierAndWithXmlsec1() {
        byte[] xml = signedNovember().getBytes(StandardCharsets.UTF_8);
        Teg850Verification v = VERIFIER.verify("doc", xml);
        assertThat(v.failures()).isEmpty();
        assertThat(v.checks()).extracting(Teg850Verification.Check::name).contains(Teg850Verifier.SCHEMA,
                Teg850Verifier.SIGNATURE_LAYOUT, Teg850Verifier.DIGEST, Teg850Verifier.SIGNATURE_VALUE,
                Teg850Verifier.CERTIFICATE);
        assertThat(v.signer()).isEqualTo(Fixtures.key().certificate());
        Xmlsec1.Result x = Xmlsec1.verify(xml);
        assertThat(x.ok()).as(x.output()).isTrue();
    }

    @Test
    void theFiguresReadBackAreTheCalculatorsFigures() {
        var ledger = Fixtures.ledger("1000001");
        var figures = Fixtures.november("1000001", 270_000, 90_000, 945, 359_055L, java.util.Set.of());
        var code = Fixtures.code(figures, ledger);
        var c = Teg850Mapping.map(ledger, figures, code, Fixtures.CERTIFIED_ON, Fixtures.ISSUER);
        Teg850Certificate back = VERIFIER.verify("doc", Fixtures.signed(c)).certificate();
        assertThat(back).isEqualTo(c);
        assertThat(back.certificateYear()).isEqualTo(figures.year());
        assertThat(back.paymentYear()).isEqualTo(figures.year());
        assertThat(back.contractNumber()).isEqualTo(figures.contractNo() + ledger.checkDigits());
        assertThat(back.paid()).isEqualTo(figures.paid());
        assertThat(back.scheduled()).isEqualTo(figures.scheduled());
        assertThat(back.discount()).isEqualTo(figures.discountPaid());
        assertThat(back.deduction()).isEqualTo(figures.deduction());
        assertThat(back.monthlyPremium()).isEqualTo(figures.monthlyPremium());
        assertThat(back.uniqueCode()).isEqualTo(code.value());
        assertThat(back.certifiedOn()).isEqualTo(Fixtures.CERTIFIED_ON);
    }

    /** Each change keeps the document schema-valid: only the signature can tell. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "控除合計額    | <WPI00000>360000</WPI00000>          | <WPI00000>460000</WPI00000>",
            "払込済額      | <WPG00020>270000</WPG00020>          | <WPG00020>270001</WPG00020>",
            "払込予定額    | <WPH00030>90000</WPH00030>           | <WPH00030>9000</WPH00030>",
            "前納減額金    | <WPJ00000>0</WPJ00000>               | <WPJ00000>1</WPJ00000>",
            "氏名          | <WPC00000>髙橋 太郎</WPC00000>        | <WPC00000>高橋 太郎</WPC00000>",
            "住所          | 霞が関ビル3階                          | 霞が関ビル4階",
            "ユニークコード | <WPP00000>K26N10000012800Y</WPP00000> | <WPP00000>K26N10000012801X</WPP00000>",
            "証明日        | <gen:dd>10</gen:dd>                  | <gen:dd>11</gen:dd>",
            "softNM        | softNM=\"kakekin\"                   | softNM=\"other\"",
    })
    void anyChangeAfterSigningFailsVerification(String what, String from, String to) {
        String xml = signedNovember();
        assertThat(xml).contains(from);
        byte[] tampered = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
        Teg850Verification v = VERIFIER.verify(what, tampered);
        assertThat(v.ok()).isFalse();
        assertThat(v.failures()).extracting(Teg850Verification.Check::name).contains(Teg850Verifier.DIGEST);
        assertThat(Xmlsec1.verify(tampered).ok()).as("xmlsec1 on changed " + what).isFalse();
    }

    @Test
    void aChangedSignedInfoFailsTheSignatureValue() {
        String xml = signedNovember();
        String digest = xml.replaceAll("(?s).*<dsig:DigestValue>([^<]*)</dsig:DigestValue>.*", "$1");
        String other = (digest.charAt(0) == 'A' ? 'B' : 'A') + digest.substring(1);
        byte[] tampered = xml.replace(digest, other).getBytes(StandardCharsets.UTF_8);
        Teg850Verification v = VERIFIER.verify("signedinfo", tampered);
        assertThat(v.failures()).extracting(Teg850Verification.Check::name)
                .contains(Teg850Verifier.SIGNATURE_VALUE);
        assertThat(Xmlsec1.verify(tampered).ok()).isFalse();
    }

    @Test
    void aReferenceToAnythingButTheRootIsRefused() {
        String xml = signedNovember();
        byte[] moved = xml.replace("URI=\"#TEG850", "URI=\"#X").getBytes(StandardCharsets.UTF_8);
        assertThat(VERIFIER.verify("ref", moved).failures()).extracting(Teg850Verification.Check::name)
                .contains(Teg850Verifier.SIGNATURE_LAYOUT);
    }

    @Test
    void anUnsignedDocumentFailsTheSchemaAndTheSignature() {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        byte[] unsigned = Teg850Writer.serialize(Teg850Writer.write(Fixtures.header(c), c));
        Teg850Verification v = VERIFIER.verify("unsigned", unsigned);
        assertThat(v.failures()).extracting(Teg850Verification.Check::name)
                .contains(Teg850Verifier.SCHEMA, Teg850Verifier.SIGNATURE_LAYOUT);
    }

    @Test
    void aSignerOutsideTheTrustedSetIsReported(@TempDir Path otherDir) {
        byte[] xml = signedNovember().getBytes(StandardCharsets.UTF_8);
        var other = SigningKeyStore.load(otherDir.resolve("o.p12"), "x-only-test".toCharArray(), "o", true);
        var strict = new Teg850Verifier(Teg850Schema.load(), java.util.List.of(other.certificate()));
        assertThat(strict.verify("doc", xml).failures()).extracting(Teg850Verification.Check::name)
                .containsExactly(Teg850Verifier.TRUST);
        var trusting = new Teg850Verifier(Teg850Schema.load(), java.util.List.of(Fixtures.key().certificate()));
        Teg850Verification ok = trusting.verify("doc", xml);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.checks()).filteredOn(c -> c.name().equals(Teg850Verifier.TRUST))
                .singleElement().extracting(Teg850Verification.Check::detail).asString()
                .contains("signed with the issuer certificate").contains(Fixtures.key().fingerprint());
    }

    /**
     * The attack: change 控除合計額 and re-sign with a self-signed key of one's own. Digest, signature value and
     * certificate validity all pass; only the issuer check can tell, and the default verifier makes it.
     */
    @Test
    void aDocumentReSignedWithAnyOtherKeyIsRejectedByDefault(@TempDir Path otherDir) {
        var c = Fixtures.certificate(Fixtures.ledger("1000001"), Fixtures.november("1000001"));
        var forged = new Teg850Certificate(c.certificateYear(), c.name(), c.address(), c.contractNumber(),
                c.paymentYear(), c.paidThroughMonth(), c.paid(), c.scheduledFromMonth(), c.scheduledToMonth(),
                c.scheduled(), 900_000L, c.discount(), c.contractDate(), c.monthlyPremium(), c.paymentMethod(),
                c.paymentMonths(), c.certifiedOn(), c.issuer(), c.uniqueCode());
        var doc = Teg850Writer.write(Fixtures.header(forged), forged);
        var attacker = SigningKeyStore.load(otherDir.resolve("a.p12"), "attacker".toCharArray(), "a", true);
        new Teg850Signer(attacker).sign(doc);
        byte[] xml = Teg850Writer.serialize(doc);

        Teg850Verification v = VERIFIER.verify("forged", xml);
        assertThat(v.ok()).isFalse();
        assertThat(v.failures()).extracting(Teg850Verification.Check::name).containsExactly(Teg850Verifier.TRUST);
        assertThat(v.failures().getFirst().detail()).contains("not a trusted issuer")
                .contains(attacker.fingerprint()).contains(Fixtures.key().fingerprint());
        assertThat(v.certificate().deduction()).isEqualTo(900_000L);
    }

    @Test
    void aVerifierWithoutIssuersCannotBeMade() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Teg850Verifier(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trusted issuer");
    }

    @Test
    void aDocumentLargerThanTheLimitIsNotParsed() {
        byte[] big = new byte[Teg850Verifier.MAX_DOCUMENT_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Teg850Verification v = VERIFIER.verify("big", big);
        assertThat(v.ok()).isFalse();
        assertThat(v.failures().getFirst().detail()).contains("larger than the 1,048,576 bytes");
    }

    /** The NTA sample was reformatted after signing (RULES.md 3): both verifiers must say so. */
    @Test
    void theReformattedNtaSampleDoesNotVerify() throws IOException {
        byte[] sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("spec/nta/sample-TEG840-signed.xml")) {
            sample = in.readAllBytes();
        }
        var x = Xmlsec1.verify(sample, "TEG840");
        assertThat(x.ok()).as(x.output()).isFalse();
        assertThat(x.output()).doesNotContain("Signature is OK");
    }
}
