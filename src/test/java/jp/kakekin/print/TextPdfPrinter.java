package jp.kakekin.print;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfWriter;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test double of the certificate renderer while jp.kakekin.render is being built: one page per
 * certificate with its contract number, unique code and amounts in plain ASCII, so tests can read each
 * page back with PDFBox. It refuses emoji the way the real renderer refuses a character no font has.
 * A delay per certificate ({@code -Dkakekin.test.print-delay-ms}) lets the restart test kill a run
 * while it prints.
 */
final class TextPdfPrinter implements CertificatePrinter {

    private final long delayMillis = Long.getLong("kakekin.test.print-delay-ms", 0);

    @Override
    public Optional<Exclusion> check(IssuedCertificate c, LocalDate runDate) {
        String name = c.holderName();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp >= 0x1F000 && cp <= 0x1FAFF) { // emoji; 𠮷 (U+20BB7) and other 外字 are in IPAmj
                return Optional.of(new Exclusion(c.line(), c.contractNo(), c.uniqueCode().value(),
                        ExclusionReason.GLYPH_MISSING, "holder.name contains U+%04X, which no certificate font has".formatted(cp)));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    @Override
    public PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, OutputStream out) {
        List<IssuedCertificate> placed = new ArrayList<>();
        Document doc = new Document(PageSize.A4);
        try {
            PdfWriter.getInstance(doc, out);
            doc.open();
            for (IssuedCertificate c : certificates) {
                if (!placed.isEmpty()) {
                    doc.newPage();
                }
                var f = c.figures();
                doc.add(new Paragraph("contract " + c.contractNo() + "-" + c.checkDigits()));
                doc.add(new Paragraph("code " + c.uniqueCode().value()));
                doc.add(new Paragraph("postal " + c.postalCode()));
                doc.add(new Paragraph("paid " + "%,d".formatted(f.paid())));
                doc.add(new Paragraph("deduction " + (f.deduction() == null ? "****" : "%,d".formatted(f.deduction()))));
                doc.add(new Paragraph("date " + runDate));
                placed.add(c);
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new PrintedBatch(placed, List.of());
    }
}
