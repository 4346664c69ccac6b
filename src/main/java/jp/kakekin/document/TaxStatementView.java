package jp.kakekin.document;

import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Issuer;
import jp.kakekin.document.UniqueCode;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a 経営セーフティ共済 明細書 prints, formatted: for an individual the NTA form
 * 「特定の基金に対する負担金等の必要経費算入に関する明細書」 (calendar year), for a corporation the 別表
 * section 「特定の基金に対する負担金等の損金算入に関する明細書」 (事業年度) with its 適用額明細書 row.
 * The layouts read it as {@code doc}.
 *
 * @param periodLabel       individual: 令和8年分; corporate: 令和8年4月1日～令和9年3月31日
 * @param periodFrom        first day of the period (和暦)
 * @param periodTo          last day of the period (和暦)
 * @param paid              ④ 当年（当期）に支出した負担金等の額
 * @param deductible        ⑤ 同上のうち必要経費に算入した額 / 損金の額に算入した金額; also the 適用額
 * @param corporateSchedule the 別表 of the corporate form ({@link FormEdition})
 * @param applicationCode   the 区分番号 of the 適用額明細書 row ({@link FormEdition})
 * @param qrUrl             the web form, with this document's token
 */
public record TaxStatementView(
        SafetyTaxFigures figures,
        UniqueCode uniqueCode,
        LocalDate issuedOn,
        String issuedOnLabel,
        String periodLabel,
        String periodFrom,
        String periodTo,
        HolderBlock holder,
        String paid,
        String deductible,
        Reconciliation reconciliation,
        String corporateSchedule,
        String applicationCode,
        String qrUrl,
        Issuer issuer) implements DocumentView {

    /** ① 基金に係る法人名 (措法28条1項2号). */
    public static final String FUND_CORPORATION = "独立行政法人中小企業基盤整備機構";
    /** ② 基金の名称. */
    public static final String FUND_NAME = "中小企業倒産防止共済事業";

    public TaxStatementView {
        Objects.requireNonNull(figures);
        Objects.requireNonNull(uniqueCode);
    }

    public boolean corporate() {
        return figures.corporate();
    }

    public String fundCorporation() {
        return FUND_CORPORATION;
    }

    public String fundName() {
        return FUND_NAME;
    }

    /** ③ 告示番号: none exists for this fund (SMRJ FAQ), so the field is left blank. */
    public String noticeNumber() {
        return "";
    }


    @Override
    public String layout() {
        return corporate() ? "safety-corporate-statement.html" : "safety-individual-statement.html";
    }

    @Override
    public Map<String, String> textFields() {
        Map<String, String> fields = holder.textFields(issuer);
        fields.put("statement.corporateSchedule", corporateSchedule);
        fields.put("statement.applicationCode", applicationCode);
        return fields;
    }
}
