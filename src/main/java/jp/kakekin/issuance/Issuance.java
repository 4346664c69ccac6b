package jp.kakekin.issuance;

import jp.kakekin.calc.Figures;
import jp.kakekin.calc.HeldFigures;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;

import java.util.List;
import java.util.Objects;

/**
 * What the {@link Issuer} decided for one holder, one document, one year: exactly one of issued, not
 * issued (with a reason code) or held (RULES.md 1.8). Channels map it to their own output; they do not
 * decide it again.
 */
public sealed interface Issuance permits Issuance.Issued, Issuance.NotIssued, Issuance.Held {

    /**
     * The document is issued.
     *
     * @param view       everything the document prints (its figures included)
     * @param uniqueCode the code printed on it; sequence 00 for a first issue, 01.. for a reissue
     * @param address    the address it goes to
     * @param figures    the calculator's figures it prints (the view's, when there is a view; {@link
     *                   Issuer#decide} makes none)
     */
    record Issued(DocumentView view, UniqueCode uniqueCode, Address address, Figures figures) implements Issuance {
        public Issued {
            Objects.requireNonNull(uniqueCode);
            Objects.requireNonNull(figures);
        }
    }

    /**
     * No document.
     *
     * @param figures the calculator's figures when it got that far (the {@code calculate} channel prints
     *                them), else null
     */
    record NotIssued(ReasonCode reason, String detail, Figures figures) implements Issuance {
        public NotIssued {
            Objects.requireNonNull(reason);
        }

        public NotIssued(ReasonCode reason, String detail) {
            this(reason, detail, null);
        }
    }

    /**
     * The ledger contradicts the rules: nothing is issued, the operator is told why (RULES.md 1.8).
     *
     * @param codes the checks that failed (the calculator's {@link HeldFigures#codes()})
     */
    record Held(List<HoldCode> codes, HeldFigures figures) implements Issuance {
        public Held {
            codes = List.copyOf(codes);
        }

        /** What an exclusion or refusal says: the codes, in RULES.md 1.8 order. */
        public String detail() {
            return codes.stream().map(Enum::name).collect(java.util.stream.Collectors.joining("|"))
                    + ": the ledger contradicts the rules (RULES.md 1.8); held for the operator, nothing issued";
        }
    }
}
