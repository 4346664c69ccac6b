package jp.kakekin.render;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.CertificateViews;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.Issuer;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test material: the public cases with the figures their {@code expected} block states (the renderer
 * does not depend on the calculator), and one shared renderer over the project's fonts/ and templates/.
 */
final class Certificates {

    static final Path CASES = Path.of("src/test/resources/cases");
    static final String KEY = "test-key-0123456789abcdef";
    static final String BASE_URL = "https://kakekin.example.jp";
    static final Issuer ISSUER = new Issuer("独立行政法人中小企業基盤整備機構", "105-8453",
            "東京都港区虎ノ門3丁目5番1号 虎ノ門37森ビル", "共済相談室 050-5541-7171");
    static final CertificateViews VIEWS = new CertificateViews(ISSUER, new DocumentTokens(KEY), BASE_URL);

    private static CertificatePdf pdf;

    private Certificates() {
    }

    static synchronized CertificatePdf pdf() {
        if (pdf == null) {
            pdf = new CertificatePdf(FontLibrary.open(Path.of("fonts")), new CertificateTemplates(Path.of("templates"), -1));
        }
        return pdf;
    }

    record Case(String id, int year, Ledger ledger, JsonNode expected) {
        boolean issued(DocumentKind kind) {
            JsonNode e = expected.get(kind.name());
            return e != null && e.get("issued").asBoolean();
        }
    }

    static List<Case> cases() {
        try (Stream<Path> files = Files.list(CASES)) {
            List<Case> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("S")).sorted().toList()) {
                out.add(load(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case load(String id) {
        return load(CASES.resolve(id + ".json"));
    }

    private static Case load(Path file) {
        JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
        LedgerRecord record = LedgerReader.parseTree(file.getFileName().toString(), 1, root.get("ledger"));
        if (!(record instanceof LedgerRecord.Valid valid)) {
            throw new IllegalStateException(file + ": " + ((LedgerRecord.Invalid) record).message());
        }
        return new Case(root.get("id").asString(), root.get("year").asInt(), valid.ledger(), root.get("expected"));
    }

    /** The figures a case expects, as the calculator will produce them. */
    static CertificateFigures figures(Case c, DocumentKind kind, Set<WhyWithheld> withheld) {
        return figures(c, c.ledger(), kind, withheld);
    }

    /** The figures a case expects, addressed to (an edited copy of) its ledger. */
    static CertificateFigures figures(Case c, Ledger ledger, DocumentKind kind, Set<WhyWithheld> withheld) {
        JsonNode e = c.expected().get(kind.name());
        LocalDate addressCutoff = kind == DocumentKind.NOVEMBER_CERTIFICATE ? AddressCutoff.november(c.year())
                : AddressCutoff.february(c.year());
        LocalDate dataCutoff = kind == DocumentKind.NOVEMBER_CERTIFICATE ? LocalDate.of(c.year(), 9, 30)
                : LocalDate.of(c.year(), 12, 31);
        Address address = AddressCutoff.addressAt(ledger.addresses(), addressCutoff);
        Long deduction = e.get("deduction").isNull() ? null : e.get("deduction").asLong();
        return new CertificateFigures(kind, c.year(), ledger.contractNo(), true, e.get("monthlyPremium").asLong(),
                e.get("paid").asLong(), e.get("scheduled").asLong(), e.get("discountPaid").asLong(), deduction,
                deduction == null ? withheld : Set.of(), address, dataCutoff, addressCutoff);
    }

    static CertificateView view(Case c, DocumentKind kind, int sequence) {
        return view(c, kind, sequence, Set.of(WhyWithheld.ARREARS));
    }

    static CertificateView view(Case c, DocumentKind kind, int sequence, Set<WhyWithheld> withheld) {
        return view(c.ledger(), figures(c, kind, withheld), sequence);
    }

    static CertificateView view(Ledger ledger, CertificateFigures figures, int sequence) {
        UniqueCode code = UniqueCode.of(figures.document(), figures.year(), ledger.contractNo(), ledger.checkDigits(), sequence);
        LocalDate issuedOn = figures.document() == DocumentKind.NOVEMBER_CERTIFICATE ? LocalDate.of(figures.year(), 11, 20)
                : LocalDate.of(figures.year() + 1, 2, 13);
        return VIEWS.view(figures, ledger, code, issuedOn);
    }

    /** The same ledger with one address only. */
    static Ledger withAddress(Ledger l, String postalCode, String line1, String line2) {
        return new Ledger(l.scheme(), l.contractNo(), l.checkDigits(), l.holder(),
                List.of(new Address(LocalDate.of(2015, 4, 1), postalCode, line1, line2)), l.contractDate(),
                l.applicationMonth(), l.applicationMethod(), l.premiums(), l.paymentModes(), l.payments(),
                l.pendingRequests(), l.discountCarried(), l.terminatedOn(), l.previousTermination(), l.eDelivery());
    }

    /** The same ledger with another holder name (for 外字 and missing-glyph cases). */
    static Ledger withName(Ledger l, String name) {
        Holder h = l.holder();
        return new Ledger(l.scheme(), l.contractNo(), l.checkDigits(),
                new Holder(name, h.nameKana(), h.birthDate(), h.phone(), h.corporate(), h.fiscalYearEndMonth()),
                l.addresses(), l.contractDate(), l.applicationMonth(), l.applicationMethod(), l.premiums(),
                l.paymentModes(), l.payments(), l.pendingRequests(), l.discountCarried(), l.terminatedOn(),
                l.previousTermination(), l.eDelivery());
    }
}
