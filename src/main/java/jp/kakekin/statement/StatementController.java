package jp.kakekin.statement;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.edelivery.LedgerLookup;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.web.OperatorPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Operator API: {@code GET /api/v1/contracts/{contractNo}/statements/{year}?form=individual|corporate|payment-status}
 * returns the 経営セーフティ共済 document as a PDF (docs/safety-statements.md). The 明細書 is made afresh
 * from the ledger on every call, dated the day of the call; the form must match the holder (400), and a
 * year with nothing to state is a 404 that says so. Problems are RFC 9457 problem details.
 */
@RestController
class StatementController {

    private final ObjectProvider<SafetyStatements> statements;
    private final ObjectProvider<LedgerLookup> ledgers;
    private final JapanClock clock;

    StatementController(ObjectProvider<SafetyStatements> statements, ObjectProvider<LedgerLookup> ledgers,
                        JapanClock clock) {
        this.statements = statements;
        this.ledgers = ledgers;
        this.clock = clock;
    }

    @GetMapping("/api/v1/contracts/{contractNumber}/statements/{year}")
    ResponseEntity<?> statement(@PathVariable String contractNumber, @PathVariable int year,
                                @RequestParam(required = false) String form) {
        Optional<ResponseEntity<ProblemDetail>> invalid = OperatorPaths.invalid(contractNumber, year);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        OperatorPaths.ContractNumber n = OperatorPaths.contractNumber(contractNumber).orElseThrow();
        StatementForm statementForm;
        try {
            statementForm = StatementForm.ofParameter(form);
        } catch (IllegalArgumentException e) {
            return OperatorPaths.problem(HttpStatus.BAD_REQUEST, "Invalid form", e.getMessage());
        }
        LedgerLookup lookup = ledgers.getIfAvailable();
        if (lookup == null) {
            return OperatorPaths.problem(HttpStatus.SERVICE_UNAVAILABLE, "No contract store", "no contract store is configured");
        }
        String checkDigits = n.checkDigits();
        Optional<Ledger> ledger = lookup.find(n.contractNo())
                .filter(l -> checkDigits == null || checkDigits.equals(l.checkDigits()));
        if (ledger.isEmpty()) {
            return OperatorPaths.problem(HttpStatus.NOT_FOUND, "Unknown contract", "no contract " + contractNumber);
        }
        SafetyStatements.Rendering rendering;
        try {
            LocalDate today = clock.today();
            rendering = statements.getObject().pdf(ledger.get(), statementForm, year, today, null);
        } catch (CertificateRenderException e) {
            return OperatorPaths.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be printed", e.getMessage());
        }
        return switch (rendering) {
            case SafetyStatements.Pdf pdf -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(pdf.uniqueCode().value() + ".pdf").build().toString())
                    .header("X-Kakekin-Unique-Code", pdf.uniqueCode().value())
                    .body(pdf.bytes());
            case SafetyStatements.Refused r -> switch (r.refusal()) {
                case WRONG_FORM -> OperatorPaths.problem(HttpStatus.BAD_REQUEST, "Wrong form for the holder", r.detail());
                case NOT_SAFETY -> OperatorPaths.problem(HttpStatus.NOT_FOUND, "Not a 経営セーフティ共済 contract", r.detail());
                case NOTHING_TO_STATE -> OperatorPaths.problem(HttpStatus.NOT_FOUND, "Nothing to state", r.detail());
                // Like a certificate before its data cutoff: asked too early, not "not found".
                case NOT_YET_FINAL -> OperatorPaths.problem(HttpStatus.CONFLICT, "Not yet final", r.detail());
                case HELD -> OperatorPaths.problem(HttpStatus.CONFLICT, "Held for the operator", r.detail());
                case CANNOT_ISSUE -> OperatorPaths.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be issued", r.detail());
            };
        };
    }
}
