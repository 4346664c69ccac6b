package jp.kakekin.reissue;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.web.ApiHeaders;
import jp.kakekin.web.ApiProblem;
import jp.kakekin.web.CalendarYear;
import jp.kakekin.web.ContractNumberText;
import jp.kakekin.web.OperatorPaths;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.List;

/**
 * The operator API of the reissue channel (docs/reissue.md). Operators only: see web.WebSecurity.
 * <p>
 * {@code GET .../certificates/{year}} reissues: each call issues a new copy under the next unique-code
 * sequence and audits it, like pressing 再発行 at a counter. It is a GET because the issue defines it so
 * and because it is what an operator's browser or {@code curl -o} does; it is never cached.
 */
@RestController
@RequestMapping("/api/v1/contracts/{contractNumber}")
class OperatorReissueController {

    static final String API_RUN = "reissue-api";

    private final CertificateReissue reissue;
    private final IssuedDocuments issued;

    OperatorReissueController(CertificateReissue reissue, IssuedDocuments issued) {
        this.reissue = reissue;
        this.issued = issued;
    }

    @ApiResponse(responseCode = "200", description = "the reissued certificate (PDF); its unique code in X-Kakekin-Unique-Code")
    @ApiResponse(responseCode = "404", description = "UNKNOWN_CONTRACT or NO_CERTIFICATE for that year")
    @ApiResponse(responseCode = "409", description = "NOT_YET_FINAL (before the data cutoff) or SEQUENCE_EXHAUSTED")
    @ApiResponse(responseCode = "422", description = "RENDER_FAILED or HELD for the operator")
    @GetMapping("/certificates/{year}")
    ResponseEntity<byte[]> certificate(@PathVariable @ContractNumberText String contractNumber,
                                       @PathVariable @CalendarYear String year, Principal operator) {
        OperatorPaths.ContractNumber n = OperatorPaths.contractNumber(contractNumber).orElseThrow();
        CertificateReissue.Outcome outcome = reissue.reissue(n.contractNo(), n.checkDigits(), Integer.parseInt(year),
                operator.getName(), API_RUN);
        return switch (outcome) {
            case CertificateReissue.Issued i -> pdf(i);
            case CertificateReissue.Refused r -> throw new ApiProblem(switch (r.refusal()) {
                case UNKNOWN_CONTRACT, NO_CERTIFICATE -> HttpStatus.NOT_FOUND;
                case NOT_YET_FINAL, SEQUENCE_EXHAUSTED -> HttpStatus.CONFLICT;
                case RENDER_FAILED, HELD -> HttpStatus.UNPROCESSABLE_CONTENT;
            }, r.refusal().name(), r.detail());
        };
    }

    /** One document issued for a contract. */
    record IssuedView(String uniqueCode, String originalCode, boolean reissue, String document, int year, String run,
                      String issuedAt) {
        static IssuedView of(IssuedDocument d) {
            return new IssuedView(d.code().value(), d.original().value(), d.isReissue(), d.kind().name(), d.year(),
                    d.run(), d.issuedAt().toString());
        }
    }

    /** What has been issued for the contract, originals and reissues, oldest first. */
    @ApiResponse(responseCode = "200", description = "the documents issued for the contract, oldest first")
    @GetMapping(value = "/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<IssuedView>> documents(@PathVariable @ContractNumberText String contractNumber) {
        OperatorPaths.ContractNumber n = OperatorPaths.contractNumber(contractNumber).orElseThrow();
        List<IssuedView> out = issued.ofContract(n.contractNo()).stream().map(IssuedView::of).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(out);
    }

    private static ResponseEntity<byte[]> pdf(CertificateReissue.Issued issued) {
        IssuedDocument d = issued.document();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.code().value() + ".pdf").build().toString())
                .header(ApiHeaders.UNIQUE_CODE, d.code().value())
                .header(ApiHeaders.ORIGINAL_CODE, d.original().value())
                .header(ApiHeaders.REISSUE, Boolean.toString(d.isReissue()))
                .body(issued.pdf());
    }
}
