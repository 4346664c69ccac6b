package jp.kakekin.calc;

import java.util.List;

/**
 * A record that 1.5 would issue but whose ledger contradicts the rules (RULES.md 1.8): no figures at all,
 * only why it is held. It goes to the operator's exceptions, never onto a printed document.
 *
 * @param codes the checks that failed, in {@link HoldCode} order, never empty
 */
public record HeldFigures(DocumentKind document, int year, String contractNo, List<HoldCode> codes)
        implements Figures {

    public HeldFigures {
        codes = codes.stream().distinct().sorted().toList();
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a held record has at least one reason");
        }
    }
}
