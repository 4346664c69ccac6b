package jp.kakekin.cli;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.correction.ElectronicCopies;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.ExportCandidate;
import jp.kakekin.edelivery.RunParameters;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The e-私書箱 copies of a corrections run: the e-私書箱 channel's run export, into the corrections run's
 * folder (same signing as every export). Wired here, in the composition root, so that the corrections
 * channel does not reach into another channel (ModuleBoundariesTest).
 */
@Component
class CorrectionsElectronicCopies implements ElectronicCopies {

    private final EDeliveryService eDelivery;

    CorrectionsElectronicCopies(EDeliveryService eDelivery) {
        this.eDelivery = eDelivery;
    }

    @Override
    public Result export(List<Certificate> certificates, int year, DocumentKind kind, LocalDate runDate, Path folder) {
        var candidates = certificates.stream()
                .map(c -> (ExportCandidate) new ExportCandidate.Certificate(0, c.ledger(), c.figures(), c.code()))
                .iterator();
        RunParameters params = new RunParameters(year, kind, runDate, runDate, eDelivery.today(),
                "corrections " + folder);
        // The folder is this run's and has no summary yet: a package left by an attempt that stopped before
        // registering is replaced.
        EDeliveryService.RunResult result = eDelivery.exportRun(candidates, params, folder, true);
        Map<String, Long> excluded = new LinkedHashMap<>();
        result.summary().excluded().forEach((k, v) -> excluded.put(String.valueOf(k), v));
        return new Result(params.packageName(), result.summary().delivered(), excluded);
    }
}
