package jp.kakekin.statement;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jp.kakekin.store.LedgerLookup;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.render.CertificateRenderException;
import jp.kakekin.web.ApiHeaders;
import jp.kakekin.web.ApiProblem;
import jp.kakekin.web.CalendarYear;
import jp.kakekin.web.ContractNumberText;
import jp.kakekin.web.OperatorPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * Operator API: {@code GET /api/v1/contracts/{contractNo}/statements/{year}?form=individual|corporate|payment-status}
 * returns the 経営セーフティ共済 document as a PDF (docs/safety-statements.md). The 明細書 is made afresh
 * from the ledger on every call, dated the day of the call; the form must match the holder (400), and a
 * year with nothing to state is a 404 that says so. Each document handed out is archived and recorded first
 * ({@link StatementIssue}, docs/archive.md). Problems are RFC 9457 problem details.
 */
@RestController
class StatementController {

    private final StatementIssue statements;
    private final ObjectProvider<LedgerLookup> ledgers;

    StatementController(StatementIssue statements, ObjectProvider<LedgerLookup> ledgers) {
        this.statements = statements;
        this.ledgers = ledgers;
    }

    @ApiResponse(responseCode = "200", description = "the 明細書 or 掛金納付状況兼領収書 (PDF); its unique code in X-Kakekin-Unique-Code")
    @ApiResponse(responseCode = "400", description = "missing or unknown form, or the wrong form for the holder")
    @ApiResponse(responseCode = "404", description = "unknown contract, not a 経営セーフティ共済 contract, or nothing to state")
    @ApiResponse(responseCode = "409", description = "the period has not ended (not yet final), or held for the operator")
    @ApiResponse(responseCode = "422", description = "cannot be printed or issued")
    @ApiResponse(responseCode = "503", description = "no contract store is configured, or the archive copy cannot be kept")
    @GetMapping("/api/v1/contracts/{contractNumber}/statements/{year}")
    ResponseEntity<byte[]> statement(@PathVariable @ContractNumberText String contractNumber,
                                     @PathVariable @CalendarYear String year,
                                     @RequestParam(required = false) String form) {
        OperatorPaths.ContractNumber n = OperatorPaths.contractNumber(contractNumber).orElseThrow();
        StatementForm statementForm;
        try {
            statementForm = StatementForm.ofParameter(form);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid form", e.getMessage());
        }
        LedgerLookup lookup = ledgers.getIfAvailable();
        if (lookup == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "No contract store", "no contract store is configured");
        }
        String checkDigits = n.checkDigits();
        Optional<Ledger> ledger = lookup.find(n.contractNo())
                .filter(l -> checkDigits == null || checkDigits.equals(l.checkDigits()));
        if (ledger.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown contract", "no contract " + contractNumber);
        }
        SafetyStatements.Rendering rendering;
        try {
            // dated today in Japan; archived and recorded before it is handed out (docs/archive.md)
            rendering = statements.issue(ledger.get(), statementForm, Integer.parseInt(year));
        } catch (CertificateRenderException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be printed", e.getMessage());
        } catch (StatementIssue.NotArchived e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Cannot be archived", e.getMessage());
        }
        return switch (rendering) {
            case SafetyStatements.Pdf pdf -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_PDF)
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename(pdf.uniqueCode().value() + ".pdf").build().toString())
                    .header(ApiHeaders.UNIQUE_CODE, pdf.uniqueCode().value())
                    .body(pdf.bytes());
            case SafetyStatements.Refused r -> throw refusal(r);
        };
    }

    private static ApiProblem refusal(SafetyStatements.Refused r) {
        return switch (r.refusal()) {
            case WRONG_FORM -> new ApiProblem(HttpStatus.BAD_REQUEST, "Wrong form for the holder", r.detail());
            case NOT_SAFETY -> new ApiProblem(HttpStatus.NOT_FOUND, "Not a 経営セーフティ共済 contract", r.detail());
            case NOTHING_TO_STATE -> new ApiProblem(HttpStatus.NOT_FOUND, "Nothing to state", r.detail());
            // Like a certificate before its data cutoff: asked too early, not "not found".
            case NOT_YET_FINAL -> new ApiProblem(HttpStatus.CONFLICT, "Not yet final", r.detail());
            case HELD -> new ApiProblem(HttpStatus.CONFLICT, "Held for the operator", r.detail());
            case CANNOT_ISSUE -> new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot be issued", r.detail());
        };
    }
}
