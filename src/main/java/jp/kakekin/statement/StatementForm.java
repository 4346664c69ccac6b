package jp.kakekin.statement;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.Holder;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The three 経営セーフティ共済 documents, by the name the operator API uses ({@code ?form=}). */
public enum StatementForm {
    /** 特定の基金に対する負担金等の必要経費算入に関する明細書 (個人, calendar year). */
    INDIVIDUAL("individual", DocumentKind.SAFETY_TAX_STATEMENT),
    /** 別表十(六) 特定の基金に対する負担金等の損金算入に関する明細書 + 適用額明細書 row (法人, 事業年度). */
    CORPORATE("corporate", DocumentKind.SAFETY_TAX_STATEMENT),
    /** 掛金納付状況兼領収書 (January–December). */
    PAYMENT_STATUS("payment-status", DocumentKind.SAFETY_PAYMENT_STATUS);

    private final String parameter;
    private final DocumentKind document;

    StatementForm(String parameter, DocumentKind document) {
        this.parameter = parameter;
        this.document = document;
    }

    public String parameter() {
        return parameter;
    }

    public DocumentKind document() {
        return document;
    }

    /** The 明細書 a holder files: the corporate one for a 法人, the individual one otherwise. */
    public static StatementForm taxStatementOf(Holder holder) {
        return holder.corporate() ? CORPORATE : INDIVIDUAL;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static StatementForm ofParameter(String value) {
        for (StatementForm f : values()) {
            if (f.parameter.equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("form must be one of " + Arrays.stream(values())
                .map(StatementForm::parameter).collect(Collectors.joining(", ")) + "; was " + value);
    }
}
