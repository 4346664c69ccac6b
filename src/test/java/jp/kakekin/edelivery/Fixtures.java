package jp.kakekin.edelivery;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.ledger.Address;
import jp.kakekin.ledger.ApplicationMethod;
import jp.kakekin.ledger.EDelivery;
import jp.kakekin.ledger.Holder;
import jp.kakekin.ledger.Ledger;
import jp.kakekin.ledger.PaymentMode;
import jp.kakekin.ledger.PaymentModePeriod;
import jp.kakekin.ledger.PremiumPeriod;
import jp.kakekin.ledger.Scheme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/** Ledgers, figures and a signing key for the e-delivery tests; the figures are built by hand. */
final class Fixtures {

    static final int YEAR = 2026;
    static final LocalDate CERTIFIED_ON = LocalDate.of(2026, 11, 10);
    /** Today: the development key made by the first test is valid from now on. */
    static final LocalDate SAKUSEI_DAY = JapanClock.system().today();
    static final String ISSUER = "独立行政法人中小企業基盤整備機構";
    static final Address ADDRESS = new Address(LocalDate.of(2018, 4, 2), "1000013",
            "東京都千代田区霞が関一丁目3番1号", "霞が関ビル3階");

    private static SigningKey key;

    private Fixtures() {
    }

    static Ledger ledger(String contractNo, String name, LocalDate contractDate, LocalDate linkedOn) {
        return ledger(contractNo, name, contractDate, linkedOn,
                List.of(new PaymentModePeriod(YearMonth.from(contractDate), PaymentMode.MONTHLY, null)));
    }

    static Ledger ledger(String contractNo, String name, LocalDate contractDate, LocalDate linkedOn,
                         List<PaymentModePeriod> modes) {
        return new Ledger(Scheme.SHOKIBO, contractNo, "28",
                new Holder(name, "タカハシ タロウ", LocalDate.of(1970, 4, 1), "0312345678", false, null),
                List.of(ADDRESS), contractDate, YearMonth.from(contractDate), ApplicationMethod.CASH,
                List.of(new PremiumPeriod(YearMonth.from(contractDate), 30_000)), modes,
                List.of(), List.of(), null, null, null, linkedOn == null ? null : new EDelivery(linkedOn));
    }

    static Ledger ledger(String contractNo) {
        return ledger(contractNo, "髙橋 太郎", LocalDate.of(2018, 4, 2), LocalDate.of(2025, 11, 10));
    }

    /** S01's November figures: 30,000 a month, Jan–Sep paid, Oct–Dec scheduled. */
    static CertificateFigures november(String contractNo) {
        return new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, YEAR, contractNo, true, 30_000, 270_000,
                90_000, 0, 360_000L, Set.of(), ADDRESS, LocalDate.of(YEAR, 9, 30), AddressCutoff.november(YEAR));
    }

    static CertificateFigures november(String contractNo, long paid, long scheduled, long discount, Long deduction,
                                       Set<WhyWithheld> withheld) {
        return new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, YEAR, contractNo, true, 30_000, paid,
                scheduled, discount, deduction, withheld, ADDRESS, LocalDate.of(YEAR, 9, 30),
                AddressCutoff.november(YEAR));
    }

    static CertificateFigures february(String contractNo, long paid, long discount, long deduction) {
        return new CertificateFigures(DocumentKind.FEBRUARY_CERTIFICATE, YEAR, contractNo, true, 30_000, paid,
                0, discount, deduction, Set.of(), ADDRESS, LocalDate.of(YEAR, 12, 31), AddressCutoff.february(YEAR));
    }

    static UniqueCode code(CertificateFigures f, Ledger l) {
        return UniqueCode.of(f.document(), f.year(), l.contractNo(), l.checkDigits(), 0);
    }

    static Teg850Certificate certificate(Ledger l, CertificateFigures f) {
        return Teg850Mapping.map(l, f, code(f, l), CERTIFIED_ON, ISSUER);
    }

    static Teg850Header header(Teg850Certificate c) {
        return new Teg850Header(Teg850Header.idFor(c.uniqueCode()), SAKUSEI_DAY, ISSUER, "kakekin");
    }

    /** A development key generated once per test JVM by the production code path (keytool). */
    static synchronized SigningKey key() {
        if (key == null) {
            try {
                Path dir = Files.createTempDirectory("kakekin-keys");
                dir.toFile().deleteOnExit();
                Path ks = dir.resolve("e-delivery-test.p12");
                key = SigningKeyStore.load(ks, "test-only".toCharArray(), "e-delivery", true);
                ks.toFile().deleteOnExit();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return key;
    }

    /** A verifier that trusts the test signing key only, as the service trusts its own. */
    static Teg850Verifier verifier() {
        return new Teg850Verifier(List.of(key().certificate()));
    }

    static byte[] signed(Teg850Certificate c) {
        var doc = Teg850Writer.write(header(c), c);
        new Teg850Signer(key()).sign(doc);
        return Teg850Writer.serialize(doc);
    }
}
