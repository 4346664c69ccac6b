package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.GeneratedRunAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export-e-delivery} and {@code verify} end to end through the jar's entry point. */
class ExportEDeliveryCommandTest {

    @TempDir
    Path dir;

    private record Run(int status, String out) {
    }

    private Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = Stream.concat(Stream.of(args),
                    Stream.of("--kakekin.e-delivery.keystore.path=" + dir.resolve("keys/dev.p12"))).toArray(String[]::new);
            int status = Main.runCommand(all);
            return new Run(status, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void exportsARunThatVerifiesAndVerifyRejectsATamperedFile() throws Exception {
        Path input = GeneratedRunAccess.november(dir);
        Path out = dir.resolve("out");

        Run export = run("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-12", "--certified-on", "2026-11-10");
        assertThat(export.status()).as(export.out()).isZero();
        assertThat(export.out()).contains("delivered  11").contains("DEDUCTION_WITHHELD").contains("reconciles");
        Path zip = out.resolve("TEG850-2026-NOVEMBER-20261112.zip");
        assertThat(zip).exists();
        assertThat(dir.resolve("keys/dev.p12")).exists();

        Run verifyZip = run("verify", zip.toString());
        assertThat(verifyZip.status()).as(verifyZip.out()).isZero();
        assertThat(verifyZip.out()).contains("[ok] manifest").contains("[ok] reconciliation")
                .contains(zip + ": OK (11 documents)");

        Path xml;
        try (Stream<Path> files = Files.list(out.resolve("TEG850-2026-NOVEMBER-20261112"))) {
            xml = files.filter(p -> p.getFileName().toString().startsWith("TEG850-K26N1000001")).findFirst().orElseThrow();
        }
        Run verifyOne = run("verify", xml.toString());
        assertThat(verifyOne.status()).isZero();
        assertThat(verifyOne.out()).contains("[ok] schema kyotsu/TEG850-001.xsd: valid")
                .contains("[ok] reference digest").contains("[ok] signature value").contains("[ok] signer certificate")
                .contains("控除合計額 360,000");

        Files.writeString(xml, Files.readString(xml).replace("<WPI00000>360000<", "<WPI00000>390000<"));
        Run verifyTampered = run("verify", xml.toString());
        assertThat(verifyTampered.status()).isEqualTo(1);
        assertThat(verifyTampered.out()).contains("[FAIL] reference digest").contains(": FAILED");

        // no keystore and nothing configured: nothing to trust, so nothing is verified
        assertThat(Main.runCommand("verify", xml.toString(),
                "--kakekin.e-delivery.keystore.path=" + dir.resolve("none.p12"))).isEqualTo(2);

        Run again = run("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-12");
        assertThat(again.status()).isNotZero();
    }

    /**
     * The attack of issue 12: raise 控除合計額 and re-sign with a fresh self-signed key. Every cryptographic check
     * passes; verify must still refuse the document because the signer is not the issuer, and say whom it trusts.
     */
    @Test
    void verifyRejectsADocumentReSignedWithAnotherKey() throws Exception {
        Path input = GeneratedRunAccess.november(dir);
        Path out = dir.resolve("one");
        Run one = run("export-e-delivery", "--contract", "1000001", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-20");
        assertThat(one.status()).as(one.out()).isZero();
        Path xml;
        try (Stream<Path> files = Files.list(out)) {
            xml = files.filter(p -> p.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow();
        }
        Run genuine = run("verify", xml.toString());
        assertThat(genuine.status()).as(genuine.out()).isZero();
        assertThat(genuine.out()).contains("trusted issuer: CN=kakekin e-delivery DEVELOPMENT signer")
                .contains("[ok] trusted issuer: signed with the issuer certificate");

        Path forged = dir.resolve("forged.xml");
        Files.write(forged, GeneratedRunAccess.reSign(Files.readAllBytes(xml), "<WPI00000>360000<", "<WPI00000>900000<",
                dir.resolve("attacker.p12")));
        Run verify = run("verify", forged.toString());
        assertThat(verify.status()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("[ok] reference digest").contains("[ok] signature value")
                .contains("控除合計額 900,000")
                .contains("[FAIL] trusted issuer: the document was signed by CN=attacker")
                .contains("which is not a trusted issuer").contains(forged + ": FAILED");

        Path attackerCert = dir.resolve("attacker.pem");
        GeneratedRunAccess.writeCertificate(dir.resolve("attacker.p12"), attackerCert);
        Run trusting = run("verify", forged.toString(), "--trusted-cert", attackerCert.toString());
        assertThat(trusting.status()).as("an operator can add an issuer explicitly").isZero();
    }

    @Test
    void onDemandExportsOneHoldersLatestCertificate() throws Exception {
        Path input = GeneratedRunAccess.november(dir);
        Path out = dir.resolve("one");
        Run one = run("export-e-delivery", "--contract", "1000004", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-20");
        assertThat(one.status()).as(one.out()).isZero();
        String code = UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000004", "31", 0).value();
        Path xml = out.resolve("TEG850-" + code + ".xml");
        assertThat(xml).exists();
        assertThat(one.out()).contains(code);
        Run verify = run("verify", xml.toString());
        assertThat(verify.status()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("証明日 2026-11-20");

        Run withheld = run("export-e-delivery", "--contract", "1000009", "--input", input.toString(),
                "--out", out.toString(), "--run-date", "2026-11-20");
        assertThat(withheld.status()).isEqualTo(1);

        Run missing = run("export-e-delivery", "--contract", "7654321", "--input", input.toString(),
                "--out", out.toString());
        assertThat(missing.status()).isEqualTo(2);
    }
}
