package jp.kakekin.reissue;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Tests only, until the certificate renderer (issue #3) is merged: a real PDF carrying the reissue's
 * facts as plain ASCII lines, so tests can read back what the channel asked to print.
 */
@Configuration(proxyBeanMethods = false)
public class InterimTestPdfs {

    @Bean
    CertificatePdfSource interimCertificatePdfSource() {
        return InterimTestPdfs::pdf;
    }

    static byte[] pdf(CertificateFigures f, Ledger ledger, UniqueCode code, LocalDate issuedOn) {
        List<String> lines = List.of("code " + code, "original " + code.original(), "reissue " + (code.sequence() > 0),
                "document " + f.document(), "year " + f.year(), "contract " + ledger.contractNo() + "-" + ledger.checkDigits(),
                "paid " + f.paid(), "scheduled " + f.scheduled(), "deduction " + f.deduction(),
                "postal " + f.address().postalCode(), "issued " + issuedOn);
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                s.newLineAtOffset(50, 700);
                for (String line : lines) {
                    s.showText(line);
                    s.newLineAtOffset(0, -16);
                }
                s.endText();
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
