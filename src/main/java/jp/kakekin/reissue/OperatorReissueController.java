package jp.kakekin.reissue;

import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import jp.kakekin.web.OperatorPaths;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @GetMapping("/certificates/{year}")
    ResponseEntity<?> certificate(@PathVariable String contractNumber, @PathVariable int year, Principal operator) {
        Optional<ResponseEntity<ProblemDetail>> invalid = OperatorPaths.invalid(contractNumber, year);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        OperatorPaths.ContractNumber n = OperatorPaths.contractNumber(contractNumber).orElseThrow();
        CertificateReissue.Outcome outcome = reissue.reissue(n.contractNo(), n.checkDigits(), year,
                operator.getName(), API_RUN);
        return switch (outcome) {
            case CertificateReissue.Issued i -> pdf(i);
            case CertificateReissue.Refused r -> OperatorPaths.problem(switch (r.refusal()) {
                case UNKNOWN_CONTRACT, NO_CERTIFICATE -> HttpStatus.NOT_FOUND;
                case NOT_YET_FINAL, SEQUENCE_EXHAUSTED -> HttpStatus.CONFLICT;
                case RENDER_FAILED, HELD -> HttpStatus.UNPROCESSABLE_CONTENT;
            }, r.refusal().name(), r.detail());
        };
    }

    /** What has been issued for the contract, originals and reissues, oldest first. */
    @GetMapping(value = "/documents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> documents(@PathVariable String contractNumber) {
        Optional<OperatorPaths.ContractNumber> n = OperatorPaths.contractNumber(contractNumber);
        if (n.isEmpty()) {
            return OperatorPaths.invalidContractNumber();
        }
        List<Map<String, Object>> out = issued.ofContract(n.get().contractNo()).stream()
                .map(OperatorReissueController::json).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(out);
    }

    private static Map<String, Object> json(IssuedDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uniqueCode", d.code().value());
        m.put("originalCode", d.original().value());
        m.put("reissue", d.isReissue());
        m.put("document", d.kind().name());
        m.put("year", d.year());
        m.put("run", d.run());
        m.put("issuedAt", d.issuedAt().toString());
        return m;
    }

    private static ResponseEntity<byte[]> pdf(CertificateReissue.Issued issued) {
        IssuedDocument d = issued.document();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.code().value() + ".pdf").build().toString())
                .header("X-Kakekin-Unique-Code", d.code().value())
                .header("X-Kakekin-Original-Code", d.original().value())
                .header("X-Kakekin-Reissue", Boolean.toString(d.isReissue()))
                .body(issued.pdf());
    }
}
