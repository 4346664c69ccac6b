package jp.kakekin.calculation;

import jp.kakekin.issuance.FiguresJson;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/calculations}: the figures of one ledger object, as the calculate command gives them. */
@RestController
@RequestMapping("/api/v1/calculations")
public class CalculationController {

    private final CalculationService service;

    public CalculationController(Calculator calculator) {
        this.service = new CalculationService(calculator);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> calculate(@RequestParam DocumentKind document, @RequestParam int year,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate addressCutoff,
                                       @RequestBody String body) {
        LedgerRecord record = LedgerReader.parseOne("request body", body);
        if (record instanceof LedgerRecord.Invalid bad) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    bad.errors().size() + " field(s) of the ledger are invalid");
            problem.setTitle("Invalid ledger");
            problem.setType(URI.create("https://kakekin.example/problems/invalid-ledger"));
            List<Map<String, Object>> errors = bad.errors().stream().map(CalculationController::toMap).toList();
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        LedgerRecord.Valid ok = (LedgerRecord.Valid) record;
        if (ok.ledger().scheme() != document.scheme()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "%s is a %s document; contract %s is %s".formatted(document, document.scheme(),
                            ok.ledger().contractNo(), ok.ledger().scheme()));
            problem.setTitle("Document does not apply to this scheme");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(FiguresJson.write(service.calculate(record, document, year, addressCutoff)));
    }

    private static Map<String, Object> toMap(LedgerError e) {
        return Map.of("field", e.field(), "line", e.line(), "message", e.message());
    }
}
