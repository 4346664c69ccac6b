package jp.kakekin.statement;

import jp.kakekin.document.FormEdition;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.SafetyTaxFigures;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Yen;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerFixture;
import jp.kakekin.render.PdfReadBack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three SAFETY documents read back with PDFBox: what is printed is what the calculator says, the
 * notes explain the difference between the two amounts, and the channels refuse what they must.
 */
class SafetyStatementsTest {

    static final List<String> TAX_CASES = List.of(SafetyCases.TAX_CASES);
    static final List<String> PAYMENT_STATUS_CASES = List.of(SafetyCases.PAYMENT_STATUS_CASES);
    private static final LocalDate ISSUED = LocalDate.of(2032, 1, 20); // after the end of every period asked for (a 明細書 is final only then)
    private static final Pattern YEN = Pattern.compile("-?[0-9][0-9,]*円");

    private final Calculator calculator = new Calculator();

    private static SafetyStatements.Pdf pdf(Ledger ledger, StatementForm form, int year) {
        return pdf(SafetyCases.statements(), ledger, form, year);
    }

    private static SafetyStatements.Pdf pdf(SafetyStatements statements, Ledger ledger, StatementForm form, int year) {
        SafetyStatements.Rendering r = statements.pdf(ledger, form, year, ISSUED, null);
        assertThat(r).isInstanceOf(SafetyStatements.Pdf.class);
        return (SafetyStatements.Pdf) r;
    }

    private static String text(byte[] pdf) throws Exception {
        try (PdfReadBack back = new PdfReadBack(pdf)) {
            assertThat(back.pages()).isEqualTo(1);
            return back.text();
        }
    }

    /**
     * The amounts (…円) after the label on the first printed line that starts with it or, failing
     * that, contains it, in reading order.
     */
    static List<Long> amountsOnLine(String text, String label) {
        String line = text.lines().filter(l -> l.strip().startsWith(label)).findFirst()
                .or(() -> text.lines().filter(l -> l.contains(label)).findFirst())
                .orElseThrow(() -> new AssertionError("no line with " + label + " in:\n" + text));
        Matcher m = YEN.matcher(line.substring(line.indexOf(label) + label.length()));
        List<Long> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group().replace(",", "").replace("円", "")));
        }
        return out;
    }

    /** Text without any white space: PDFBox puts spaces where spans and line breaks were. */
    private static String squeezed(String text) {
        return text.replaceAll("\\s+", "");
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TAX_CASES")
    void theStatementPrintsThePaidAndDeductibleAmountsOfTheFigures(String id) throws Exception {
        SafetyCases.Case c = SafetyCases.load(id);
        SafetyTaxFigures f = (SafetyTaxFigures) calculator.calculate(DocumentKind.SAFETY_TAX_STATEMENT, c.ledger(), c.year());
        JsonNode expected = c.expected().get("SAFETY_TAX_STATEMENT");
        // The figures are the golden case's: the 明細書 is checked against the case, not just against itself.
        assertThat(f.paid()).isEqualTo(expected.get("paid").asLong());
        assertThat(f.deductible()).isEqualTo(expected.get("deductible").asLong());

        StatementForm form = StatementForm.taxStatementOf(c.ledger().holder());
        String text = text(pdf(c.ledger(), form, c.year()).bytes());
        if (form == StatementForm.INDIVIDUAL) {
            assertThat(amountsOnLine(text, "中小企業倒産防止共済事業")).containsExactly(f.paid(), f.deductible());
            assertThat(amountsOnLine(text, "計")).containsExactly(f.paid(), f.deductible());
            assertThat(text).contains(expected.get("periodFrom").asString().startsWith("2026") ? "令和8年分" : "令和9年分");
        } else {
            assertThat(amountsOnLine(text, "当期に支出した負担金等の額")).containsExactly(f.paid());
            assertThat(amountsOnLine(text, "同上のうち損金の額に算入した金額")).containsExactly(f.deductible());
            assertThat(amountsOnLine(text, "第66条の11")).containsExactly(f.deductible());
            assertThat(text).contains("令和8年4月1日～令和9年3月31日", "別表十(六)", "00374");
        }
        assertThat(text).contains(c.ledger().holder().name(), "独立行政法人中小企業基盤整備機構", "中小企業倒産防止共済事業");
        assertThat(text.contains("金額が異なる理由")).isEqualTo(f.paid() != f.deductible());
    }

    @Test
    void aPrepaymentBeyondOneYearIsExplainedWithTheMonthFromWhichItIsDeferred() throws Exception {
        SafetyCases.Case c = SafetyCases.load("T03-individual-december-prepay-24");
        String text = squeezed(text(pdf(c.ledger(), StatementForm.INDIVIDUAL, 2026).bytes()));
        assertThat(text).contains("そのうち令和9年1月分以後の掛金に充てられる1,150,000円は、本年分の必要経費にならず")
                .contains("④1,750,000円－翌年以後の分1,150,000円＝⑤600,000円")
                .doesNotContain("解除");
    }

    @Test
    void monthsOfAnEarlierLongPrepaymentFallingDueThisYearAreExplained() throws Exception {
        SafetyCases.Case c = SafetyCases.load("T03-individual-december-prepay-24");
        SafetyTaxFigures f = (SafetyTaxFigures) calculator.calculate(DocumentKind.SAFETY_TAX_STATEMENT, c.ledger(), 2027);
        assertThat(f.paid()).isZero();
        assertThat(f.releasedFromEarlier()).isEqualTo(600_000);
        String raw = text(pdf(c.ledger(), StatementForm.INDIVIDUAL, 2027).bytes());
        assertThat(amountsOnLine(raw, "中小企業倒産防止共済事業")).containsExactly(0L, 600_000L);
        assertThat(squeezed(raw)).contains("令和9年分")
                .contains("前年以前（令和9年1月1日より前）に支払った1年を超える期間の前納掛金のうち、本年に払込期日の到来した月分600,000円は")
                .contains("④0円＋前年以前に支払った分600,000円＝⑤600,000円");
    }

    @Test
    void theRejoinRuleIsExplainedWithTheCancellationAndTheLastExcludedDay() throws Exception {
        SafetyCases.Case c = SafetyCases.load("T05-rejoin-within-two-years");
        String text = squeezed(text(pdf(c.ledger(), StatementForm.INDIVIDUAL, 2026).bytes()));
        assertThat(text).contains("前の共済契約を令和6年11月30日に解除しており、解除の日から2年を経過する日（令和8年11月30日）までに支払った掛金1,100,000円は、必要経費に算入できません")
                .contains("④1,200,000円－算入できない分1,100,000円＝⑤100,000円");
    }

    /** A corporation re-joined within two years and prepaid 36 months: all three reasons on one 明細書. */
    private static Ledger corporateWithEveryReason() {
        return LedgerFixture.safety("2025-01-10", 50_000).corporate(3).previousTermination("2024-12-20")
                .monthly(2026, 4, 11, 50_000, 27)
                .transfer("2026-12-25", 1_800_000, "2026-12", "2029-11")
                .build();
    }

    @Test
    void theCorporateStatementExplainsEveryDifferenceInItsOwnWords() throws Exception {
        Ledger ledger = corporateWithEveryReason();
        SafetyTaxFigures f = (SafetyTaxFigures) calculator.calculate(DocumentKind.SAFETY_TAX_STATEMENT, ledger, 2027);
        assertThat(f.paid()).isEqualTo(2_200_000);
        assertThat(f.excludedByRejoin()).isEqualTo(400_000);
        assertThat(f.deferredBeyondPeriod()).isEqualTo(1_600_000);
        assertThat(f.deductible()).isEqualTo(200_000);
        String raw = text(pdf(ledger, StatementForm.CORPORATE, 2027).bytes());
        assertThat(amountsOnLine(raw, "当期に支出した負担金等の額")).containsExactly(2_200_000L);
        assertThat(amountsOnLine(raw, "同上のうち損金の額に算入した金額")).containsExactly(200_000L);
        String text = squeezed(raw);
        assertThat(text).contains("令和8年4月1日～令和9年3月31日")
                .contains("解除の日から2年を経過する日（令和8年12月20日）までに支払った掛金400,000円は、損金の額に算入できません（租税特別措置法第66条の11")
                .contains("そのうち令和9年4月分以後の掛金に充てられる1,600,000円は、当期の損金の額にならず")
                .contains("42,200,000円－翌事業年度以後の分1,600,000円－算入できない分400,000円＝5200,000円");

        // The next 事業年度: nothing paid, twelve months of the prepayment fall due.
        String next = squeezed(text(pdf(ledger, StatementForm.CORPORATE, 2028).bytes()));
        assertThat(next).contains("令和9年4月1日～令和10年3月31日")
                .contains("前事業年度以前（令和9年4月1日より前）に支払った1年を超える期間の前納掛金のうち、当期に払込期日の到来した月分600,000円は")
                .contains("40円＋前事業年度以前に支払った分600,000円＝5600,000円");
    }

    @Test
    void theScheduleAndTheApplicationCodeAreConfiguration() throws Exception {
        SafetyCases.Case c = SafetyCases.load("T04-corporate-march-year-end");
        SafetyStatements revised = SafetyCases.statements(new FormEdition("別表十(七)", "00399"));
        String text = text(pdf(revised, c.ledger(), StatementForm.CORPORATE, 2027).bytes());
        assertThat(text).contains("別表十(七)", "00399").doesNotContain("別表十(六)", "00374");
    }

    @Test
    void theFormMustMatchTheHolder() {
        SafetyCases.Case corporate = SafetyCases.load("T04-corporate-march-year-end");
        SafetyCases.Case individual = SafetyCases.load("T01-individual-monthly");
        assertThat(SafetyCases.statements().pdf(corporate.ledger(), StatementForm.INDIVIDUAL, 2027, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class, r -> {
                    assertThat(r.refusal()).isEqualTo(SafetyStatements.Refusal.WRONG_FORM);
                    assertThat(r.detail()).contains("form=corporate");
                });
        assertThat(SafetyCases.statements().pdf(individual.ledger(), StatementForm.CORPORATE, 2026, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class, r -> {
                    assertThat(r.refusal()).isEqualTo(SafetyStatements.Refusal.WRONG_FORM);
                    assertThat(r.detail()).contains("form=individual");
                });
    }

    @Test
    void aYearWithNothingToStateIsRefusedWithItsReason() {
        SafetyCases.Case c = SafetyCases.load("T01-individual-monthly");
        assertThat(SafetyCases.statements().pdf(c.ledger(), StatementForm.INDIVIDUAL, 2031, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class, r -> {
                    assertThat(r.refusal()).isEqualTo(SafetyStatements.Refusal.NOTHING_TO_STATE);
                    assertThat(r.detail()).contains("paid no premium in 令和13年1月～令和13年12月");
                });
        // Before the contract began: no 掛金納付状況兼領収書 either.
        assertThat(SafetyCases.statements().pdf(c.ledger(), StatementForm.PAYMENT_STATUS, 2010, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class, r -> {
                    assertThat(r.refusal()).isEqualTo(SafetyStatements.Refusal.NOTHING_TO_STATE);
                    assertThat(r.detail()).contains("not in force in 2010", "began later");
                });
    }

    @Test
    void aContractCancelledBeforeTheYearHasNoPaymentStatusButTheYearOfCancellationHasOne() {
        SafetyCases.Case c = SafetyCases.load("P04-cancelled-april");
        assertThat(SafetyCases.statements().view(c.ledger(), StatementForm.PAYMENT_STATUS, c.year(), ISSUED, null))
                .isInstanceOf(SafetyStatements.Ready.class);
        assertThat(SafetyCases.statements().view(c.ledger(), StatementForm.PAYMENT_STATUS, c.year() + 1, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class,
                        r -> assertThat(r.detail()).contains("cancelled on " + c.ledger().terminatedOn()));
    }

    @Test
    void aSmallBusinessContractHasNoSafetyDocuments() {
        Ledger shokibo = LedgerFixture.shokibo("2020-01-10", "CASH", 10_000).build();
        assertThat(SafetyCases.statements().pdf(shokibo, StatementForm.PAYMENT_STATUS, 2026, ISSUED, null))
                .isInstanceOfSatisfying(SafetyStatements.Refused.class,
                        r -> assertThat(r.refusal()).isEqualTo(SafetyStatements.Refusal.NOT_SAFETY));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PAYMENT_STATUS_CASES")
    void thePaymentStatusPrintsEveryMonthAndTheTotalsOfTheFigures(String id) throws Exception {
        SafetyCases.Case c = SafetyCases.load(id);
        var f = (SafetyPaymentStatusFigures) calculator.calculate(DocumentKind.SAFETY_PAYMENT_STATUS, c.ledger(), c.year());
        JsonNode expected = c.expected().get("SAFETY_PAYMENT_STATUS");
        assertThat(f.totalPaid()).isEqualTo(expected.get("totalPaid").asLong());
        SafetyStatements.Pdf pdf = pdf(c.ledger(), StatementForm.PAYMENT_STATUS, c.year());
        String text = text(pdf.bytes());
        for (int i = 0; i < 6; i++) {
            // One printed line holds month i and month i+6: 1月 納付済 50,000円 7月 未納
            SafetyPaymentStatusFigures.Month a = f.months().get(i);
            SafetyPaymentStatusFigures.Month b = f.months().get(i + 6);
            String line = String.join(" ", Arrays.stream(new String[]{a.month().getMonthValue() + "月", a.state().label(),
                    a.amount() == 0 ? "" : Yen.format(a.amount()), b.month().getMonthValue() + "月", b.state().label(),
                    b.amount() == 0 ? "" : Yen.format(b.amount())}).filter(s -> !s.isEmpty()).toList());
            assertThat(text.lines().map(l -> l.strip().replaceAll("\\s+", " "))).as("row %d", i + 1).contains(line);
        }
        assertThat(amountsOnLine(text, "1月～12月分の掛金の合計"))
                .containsExactly(f.months().stream().mapToLong(SafetyPaymentStatusFigures.Month::amount).sum());
        assertThat(amountsOnLine(text, "掛金払込累計額")).containsExactly(f.totalPaid());
        assertThat(amountsOnLine(text, "12月分までの掛金に充当した額")).containsExactly(f.applied());
        assertThat(amountsOnLine(text, "前納残高")).containsExactly(f.prepaidBalance());
        assertThat(amountsOnLine(text, "前納減額金お支払額")).containsExactly(f.discountPaid());
        assertThat(text.contains("解約日")).isEqualTo(f.cancelledOn() != null);
        assertThat(squeezed(text)).contains(squeezed(c.ledger().holder().name()) + "様", "掛金納付状況兼領収書",
                "ユニークコード" + pdf.uniqueCode());
    }

    @Test
    void thePaymentStatusExplainsTheStatesItShowsAndItsQrCodeLeadsToTheWebForm() throws Exception {
        SafetyCases.Case failed = SafetyCases.load("P01-failed-transfer-november");
        SafetyStatements.Pdf pdf = pdf(failed.ledger(), StatementForm.PAYMENT_STATUS, 2026);
        try (PdfReadBack back = new PdfReadBack(pdf.bytes())) {
            String text = squeezed(back.text());
            assertThat(text).contains("令和8年分", "令和8年12月31日現在", "未納：", "請求中断：口座振替ができなかった月の翌月")
                    .doesNotContain("限度額到達：", "解約後：");
            assertThat(back.title()).isEqualTo("令和8年分 経営セーフティ共済 掛金納付状況兼領収書");
            String url = back.qrCode(1);
            assertThat(url).startsWith(SafetyCases.BASE_URL + "/reissue?t=");
            DocumentReference ref = SafetyCases.TOKENS.verify(url.substring(url.indexOf("t=") + 2)).orElseThrow();
            assertThat(ref.uniqueCode()).isEqualTo(UniqueCode.of(DocumentKind.SAFETY_PAYMENT_STATUS, 2026,
                    failed.ledger().contractNo(), failed.ledger().checkDigits(), 0));
            assertThat(ref.uniqueCode().value()).startsWith("K26P");
            assertThat(ref.issuedOn()).isEqualTo(ISSUED);
        }
        String cap = squeezed(text(pdf(SafetyCases.load("P03-cap-reached-june").ledger(), StatementForm.PAYMENT_STATUS,
                2026).bytes()));
        assertThat(cap).contains("限度額到達：掛金の積立額が限度額（800万円）に").doesNotContain("請求中断：");
    }

    @Test
    void monthsBeforeTheContractAreDashes() throws Exception {
        Ledger joinedInMay = LedgerFixture.safety("2026-05-10", 30_000).monthly(2026, 5, 12, 30_000, 27).build();
        String text = text(pdf(joinedInMay, StatementForm.PAYMENT_STATUS, 2026).bytes());
        assertThat(text.lines().map(l -> l.strip().replaceAll("\\s+", " ")))
                .contains("1月 — 7月 納付済 30,000円", "4月 — 10月 納付済 30,000円", "5月 納付済 30,000円 11月 納付済 30,000円");
        assertThat(amountsOnLine(text, "1月～12月分の掛金の合計")).containsExactly(240_000L);
    }

    @Test
    void aFallbackGlyphInTheNameIsPrintedInTheFallbackFace() throws Exception {
        SafetyCases.Case c = SafetyCases.load("P02-long-prepayment");
        assertThat(c.ledger().holder().name()).contains("𠮷");
        try (PdfReadBack back = new PdfReadBack(pdf(c.ledger(), StatementForm.PAYMENT_STATUS, 2026).bytes())) {
            assertThat(back.text()).contains("德永 𠮷男");
            assertThat(back.fonts(1)).extracting(PdfReadBack.EmbeddedFont::name)
                    .anyMatch(n -> n.endsWith("+IPAmjMincho"));
            assertThat(back.fonts(1)).allMatch(font -> font.embedded() && font.subset());
        }
    }

    @Test
    void theSameStatementGivesTheSameBytes() {
        SafetyCases.Case c = SafetyCases.load("T03-individual-december-prepay-24");
        assertThat(pdf(c.ledger(), StatementForm.INDIVIDUAL, 2026).bytes())
                .isEqualTo(pdf(c.ledger(), StatementForm.INDIVIDUAL, 2026).bytes());
    }
}
