package jp.kakekin.statement;

import jp.kakekin.document.StatementViews;
import jp.kakekin.document.FormEdition;

import jp.kakekin.calc.Calculator;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.Issuer;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.render.CertificatePdf;
import jp.kakekin.render.CertificateTemplates;
import jp.kakekin.render.FontLibrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

/**
 * Test material: the shared SAFETY cases (T01–T05) and our own payment-status cases (P01–P04), and one
 * statement service over the project's fonts/ and templates/ with the real calculator.
 */
final class SafetyCases {

    static final String KEY = "test-key-0123456789abcdef";
    static final String BASE_URL = "https://kakekin.example.jp";
    static final Issuer ISSUER = new Issuer("独立行政法人中小企業基盤整備機構", "105-8453",
            "東京都港区虎ノ門3丁目5番1号 虎ノ門37森ビル", "共済相談室 050-5541-7171");
    static final DocumentTokens TOKENS = new DocumentTokens(KEY);
    static final String[] TAX_CASES = {"T01-individual-monthly", "T02-individual-december-prepay-12",
            "T03-individual-december-prepay-24", "T04-corporate-march-year-end", "T05-rejoin-within-two-years"};
    static final String[] PAYMENT_STATUS_CASES = {"P01-failed-transfer-november", "P02-long-prepayment",
            "P03-cap-reached-june", "P04-cancelled-april"};

    private static SafetyStatements statements;

    private SafetyCases() {
    }

    record Case(String id, int year, Ledger ledger, JsonNode expected) {
    }

    static Case load(String id) {
        Path file = Path.of(id.startsWith("T") ? "src/test/resources/cases" : "src/test/resources/cases-own", id + ".json");
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        LedgerRecord record = LedgerReader.parseTree(file.getFileName().toString(), 1, root.get("ledger"));
        if (!(record instanceof LedgerRecord.Valid valid)) {
            throw new IllegalStateException(file + ": " + ((LedgerRecord.Invalid) record).message());
        }
        return new Case(root.get("id").asString(), root.get("year").asInt(), valid.ledger(), root.get("expected"));
    }

    static StatementViews views(FormEdition edition) {
        return new StatementViews(new CertificateViews(ISSUER, TOKENS, BASE_URL), edition);
    }

    static synchronized SafetyStatements statements() {
        if (statements == null) {
            statements = statements(FormEdition.DEFAULTS);
        }
        return statements;
    }

    static SafetyStatements statements(FormEdition edition) {
        return new SafetyStatements(new Calculator(), views(edition), pdf());
    }

    static CertificatePdf pdf() {
        return new CertificatePdf(FontLibrary.open(Path.of("fonts")), new CertificateTemplates(Path.of("templates"), -1));
    }
}
