package jp.kakekin.edelivery;

import jp.kakekin.store.LedgerLookup;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Ledger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operator endpoint: {@code POST /api/v1/e-delivery/{contractNo}} returns the signed TEG850 XML of the
 * holder's latest certificate (or of {@code ?issue=NOVEMBER_CERTIFICATE&year=2026}). When there is none
 * to deliver it answers 422 with the reason, as the run's exclusions would name it.
 */
@RestController
@RequestMapping("/api/v1/e-delivery")
public class EDeliveryController {

    private static final Pattern CONTRACT_NO = Pattern.compile("\\d{7}");

    private final EDeliveryService service;
    private final ObjectProvider<LedgerLookup> ledgers;

    public EDeliveryController(EDeliveryService service, ObjectProvider<LedgerLookup> ledgers) {
        this.service = service;
        this.ledgers = ledgers;
    }

    @PostMapping("/{contractNo}")
    public ResponseEntity<?> deliver(@PathVariable String contractNo,
                                     @RequestParam(required = false) DocumentKind issue,
                                     @RequestParam(required = false) Integer year,
                                     @RequestParam(defaultValue = "0") int sequence) {
        if (!CONTRACT_NO.matcher(contractNo).matches()) {
            return problem(HttpStatus.BAD_REQUEST, "contractNo must be 7 digits", null);
        }
        if ((issue == null) != (year == null)
                || (issue != null && issue != DocumentKind.NOVEMBER_CERTIFICATE && issue != DocumentKind.FEBRUARY_CERTIFICATE)
                || sequence < 0 || sequence > 99) {
            return problem(HttpStatus.BAD_REQUEST,
                    "give both issue (NOVEMBER_CERTIFICATE or FEBRUARY_CERTIFICATE) and year, or neither; sequence 0..99",
                    null);
        }
        LedgerLookup lookup = ledgers.getIfAvailable();
        if (lookup == null) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "no contract store is configured", null);
        }
        Optional<Ledger> ledger = lookup.find(contractNo);
        if (ledger.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no contract " + contractNo, null);
        }
        return switch (service.exportOnDemand(ledger.get(), null, issue, year, sequence)) {
            case ExportOutcome.Delivered d -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_XML)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(d.fileName()).build().toString())
                    .header("X-Unique-Code", d.uniqueCode())
                    .header("X-Content-SHA256", d.sha256())
                    .body(d.xml());
            case ExportOutcome.Excluded e -> problem(HttpStatus.UNPROCESSABLE_CONTENT, e.detail(), e);
        };
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String detail,
                                                               ExportOutcome.Excluded excluded) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        if (excluded != null) {
            body.put("contractNo", excluded.contractNo());
            body.put("reason", excluded.reason().name());
            body.put("description", excluded.reason().description());
            if (excluded.uniqueCode() != null) {
                body.put("uniqueCode", excluded.uniqueCode());
            }
        }
        body.put("detail", detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
