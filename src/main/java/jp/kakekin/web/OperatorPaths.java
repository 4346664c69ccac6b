package jp.kakekin.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operator API's {@code /api/v1/contracts/{contractNumber}/…} endpoints share: the contract
 * number as an operator types it (validated by {@link ContractNumberText}; problems: {@link ApiProblems}).
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
}
