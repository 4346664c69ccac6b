package jp.kakekin.calculation;

import jp.kakekin.issuance.FiguresJson;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.web.ApiProblem;
import jp.kakekin.web.CalendarYear;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.LocalDate;

/**
 * {@code POST /api/v1/calculations}: the figures of one ledger object, as the calculate command gives them.
 * Problems (web.ApiProblems): an invalid ledger is a 400 listing every field error; so are an unknown
 * {@code document}, a year that is not 2000–2099 in ASCII digits, and a body that is not JSON.
 */
@RestController
@RequestMapping("/api/v1/calculations")
public class CalculationController {

    static final URI INVALID_LEDGER = URI.create("https://kakekin.example/problems/invalid-ledger");

    private final CalculationService service;

    public CalculationController(Calculator calculator) {
        this.service = new CalculationService(calculator);
    }

    /** One field error of the ledger in the body. */
    public record LedgerProblem(String field, long line, String message) {
        static LedgerProblem of(LedgerError e) {
            return new LedgerProblem(e.field(), e.line(), e.message());
        }
    }

    @ApiResponse(responseCode = "200", description = "the figures, as the calculate command writes them")
    @ApiResponse(responseCode = "400", description = "invalid ledger (errors[] with field, line, message), a document "
            + "of the other scheme, an unknown document, a year that is not 2000–2099, a body that is not JSON")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode calculate(@RequestParam DocumentKind document, @RequestParam @CalendarYear String year,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                LocalDate addressCutoff,
                                @RequestBody String body) {
        LedgerRecord record = LedgerReader.parseOne("request body", body);
        if (record instanceof LedgerRecord.Invalid bad) {
            ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid ledger",
                    bad.errors().size() + " field(s) of the ledger are invalid")
                    .with("errors", bad.errors().stream().map(LedgerProblem::of).toList());
            problem.setType(INVALID_LEDGER);
            throw problem;
        }
        LedgerRecord.Valid ok = (LedgerRecord.Valid) record;
        if (ok.ledger().scheme() != document.scheme()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Document does not apply to this scheme",
                    "%s is a %s document; contract %s is %s".formatted(document, document.scheme(),
                            ok.ledger().contractNo(), ok.ledger().scheme()));
        }
        return service.calculate(record, document, Integer.parseInt(year), addressCutoff);
    }
}
