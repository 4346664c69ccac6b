package jp.kakekin.print;

import jp.kakekin.report.Exclusion;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the print run needs from the renderer (jp.kakekin.render): a check before a certificate is
 * sorted into a batch, and one merged PDF per batch. Implementations are thread-safe: the print step
 * renders batches on several threads at once.
 */
public interface CertificatePrinter {

    /**
     * Why the certificate cannot be printed (a character no font has, …), found before it is given a
     * place in a batch; empty when it can be printed.
     *
     * @param runDate 証明日
     */
    Optional<Exclusion> check(IssuedCertificate certificate, LocalDate runDate);

    /**
     * Writes the certificates as one PDF, one page each, in the order given. A certificate that cannot
     * be rendered after all is left out and reported; the others still print.
     */
    PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, OutputStream out);

    /**
     * As {@link #print(List, LocalDate, OutputStream)}; a trial's pages are marked 見本 (not valid). A
     * printer that cannot mark pages refuses a trial rather than print unmarked ones.
     */
    default PrintedBatch print(List<IssuedCertificate> certificates, LocalDate runDate, boolean trial,
                               OutputStream out) {
        if (trial) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot mark trial pages");
        }
        return print(certificates, runDate, out);
    }

    /**
     * @param placed      the certificates on the pages, in page order ({@code placed.get(i)} is on page i+1)
     * @param failed      the certificates left out, with the reason
     * @param fullLayouts pages the renderer laid out in full instead of filling a compiled layout, by reason
     *                    (docs/certificate-pdf.md); empty for a printer without compiled layouts
     */
    record PrintedBatch(List<IssuedCertificate> placed, List<Exclusion> failed, java.util.Map<String, Long> fullLayouts) {
        public PrintedBatch {
            placed = List.copyOf(placed);
            failed = List.copyOf(failed);
            fullLayouts = java.util.Map.copyOf(fullLayouts);
        }

        public PrintedBatch(List<IssuedCertificate> placed, List<Exclusion> failed) {
            this(placed, failed, java.util.Map.of());
        }
    }
}
