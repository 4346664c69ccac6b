package jp.kakekin.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operator API's {@code /api/v1/contracts/{contractNumber}/…} endpoints share: the contract
 * number as an operator types it, the year, and RFC 9457 problem details.
 */
public final class OperatorPaths {

    /** 7 digits, or the 9 a holder reads out (7 + check digits, hyphen allowed). */
    private static final Pattern NUMBER = Pattern.compile("(\\d{7})(?:-?(\\d{2}))?");

    private OperatorPaths() {
    }

    /** @param checkDigits null when only the 7 digits were given */
    public record ContractNumber(String contractNo, String checkDigits) {
    }

    /** The contract number of a path, or empty when it is not 7 (or 9) digits. */
    public static Optional<ContractNumber> contractNumber(String path) {
        Matcher n = NUMBER.matcher(path);
        return n.matches() ? Optional.of(new ContractNumber(n.group(1), n.group(2))) : Optional.empty();
    }

    public static ResponseEntity<ProblemDetail> invalidContractNumber() {
        return problem(HttpStatus.BAD_REQUEST, "Invalid contract number",
                "a contract number is 7 digits, optionally followed by its 2 check digits");
    }

    /**
     * The problem with a document path's contract number or year, or empty when both can be used (the
     * unique code carries two digits of the year).
     */
    public static Optional<ResponseEntity<ProblemDetail>> invalid(String contractNumber, int year) {
        if (contractNumber(contractNumber).isEmpty()) {
            return Optional.of(invalidContractNumber());
        }
        return year < 2000 || year > 2099
                ? Optional.of(problem(HttpStatus.BAD_REQUEST, "Invalid year", "year must be a calendar year from 2000 to 2099"))
                : Optional.empty();
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
