package jp.kakekin.render;

import jp.kakekin.calc.DocumentKind;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the sample certificates shown in the README (docs/*.png): run from the project root with the
 * test classpath, then {@code pdftoppm -png -r 80}. Not a test.
 */
public final class Showcase {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/showcase");
        Files.createDirectories(out);
        CertificatePdf pdf = Certificates.pdf();
        Files.write(out.resolve("november-certificate.pdf"),
                pdf.render(Certificates.view(Certificates.load("S01-monthly-all-paid"), DocumentKind.NOVEMBER_CERTIFICATE, 0)));
        Files.write(out.resolve("february-certificate.pdf"),
                pdf.render(Certificates.view(Certificates.load("S06-no-cash-joined-august"), DocumentKind.FEBRUARY_CERTIFICATE, 0)));
        Files.write(out.resolve("november-certificate-withheld-reissue.pdf"), pdf.render(CertificatePdfTest.fullest()));
    }
}
