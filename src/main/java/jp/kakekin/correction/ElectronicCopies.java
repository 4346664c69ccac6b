package jp.kakekin.correction;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Ledger;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The e-私書箱 copies of a corrections run's certificates: the composition root (cli/) hands the run the
 * e-私書箱 channel's export here, so this channel does not reach into another one (ModuleBoundariesTest).
 */
@FunctionalInterface
public interface ElectronicCopies {

    /** One corrected certificate as issued: its ledger, figures and code. */
    record Certificate(Ledger ledger, CertificateFigures figures, UniqueCode code) {
    }

    /**
     * @param packageName the TEG850 package written into the run folder ({@code NAME.zip} and {@code NAME/})
     * @param delivered   signed documents in it
     * @param excluded    the others, by reason (NOT_LINKED, LINKED_AFTER_RUN_DATE, NOT_REPRESENTABLE, …)
     */
    record Result(String packageName, long delivered, Map<String, Long> excluded) {
    }

    /** No electronic copies (a run that has no e-私書箱 channel wired). */
    ElectronicCopies NONE = (certificates, year, kind, runDate, runFolder) -> null;

    /**
     * Exports every certificate whose holder is linked on the run date; the others are listed as excluded in
     * the package. Returns null when nothing was exported at all.
     */
    Result export(List<Certificate> certificates, int year, DocumentKind kind, LocalDate runDate, Path runFolder);
}
