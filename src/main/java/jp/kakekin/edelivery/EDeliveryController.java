package jp.kakekin.edelivery;

import jp.kakekin.store.LedgerLookup;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.web.ApiHeaders;
import jp.kakekin.web.ApiProblem;
import jp.kakekin.web.CalendarYear;
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

import java.util.Optional;

/**
 * Operator endpoint: {@code POST /api/v1/e-delivery/{contractNo}} returns the signed TEG850 XML of the
 * holder's latest certificate (or of {@code ?issue=NOVEMBER_CERTIFICATE&year=2026}). When there is none
 * to deliver it answers 422 with the reason, as the run's exclusions would name it (problem details
 * with {@code contractNo}, {@code reason}, {@code description} and {@code uniqueCode}).
 */
@RestController
@RequestMapping("/api/v1/e-delivery")
public class EDeliveryController {

    private final EDeliveryService service;
    private final ObjectProvider<LedgerLookup> ledgers;

    public EDeliveryController(EDeliveryService service, ObjectProvider<LedgerLookup> ledgers) {
        this.service = service;
        this.ledgers = ledgers;
    }

    @ApiResponse(responseCode = "200", description = "the signed TEG850 XML; its unique code in X-Kakekin-Unique-Code")
    @ApiResponse(responseCode = "404", description = "unknown contract")
    @ApiResponse(responseCode = "422", description = "nothing to deliver: reason, description and uniqueCode say why")
    @ApiResponse(responseCode = "503", description = "no contract store is configured")
    @PostMapping("/{contractNo}")
    public ResponseEntity<byte[]> deliver(@PathVariable @Pattern(regexp = "[0-9]{7}", message = "must be 7 digits") String contractNo,
                                          @RequestParam(required = false) DocumentKind issue,
                                          @RequestParam(required = false) @CalendarYear String year,
                                          @RequestParam(defaultValue = "0") @Min(0) @Max(99) int sequence) {
        if ((issue == null) != (year == null)
                || (issue != null && issue != DocumentKind.NOVEMBER_CERTIFICATE && issue != DocumentKind.FEBRUARY_CERTIFICATE)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request",
                    "give both issue (NOVEMBER_CERTIFICATE or FEBRUARY_CERTIFICATE) and year, or neither");
        }
        LedgerLookup lookup = ledgers.getIfAvailable();
        if (lookup == null) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "No contract store", "no contract store is configured");
        }
        Optional<Ledger> ledger = lookup.find(contractNo);
        if (ledger.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "Unknown contract", "no contract " + contractNo);
        }
        Integer certificateYear = year == null ? null : Integer.valueOf(year);
        return switch (service.exportOnDemand(ledger.get(), null, issue, certificateYear, sequence)) {
            case ExportOutcome.Delivered d -> ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_XML)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(d.fileName()).build().toString())
                    .header(ApiHeaders.UNIQUE_CODE, d.uniqueCode())
                    .header(ApiHeaders.CONTENT_SHA256, d.sha256())
                    .body(d.xml());
            case ExportOutcome.Excluded e -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Cannot be delivered", e.detail())
                    .with("contractNo", e.contractNo())
                    .with("reason", e.reason().name())
                    .with("description", e.reason().description())
                    .with("uniqueCode", e.uniqueCode());
        };
    }
}
