package jp.kakekin.calc;

import jp.kakekin.ledger.Address;

import java.time.LocalDate;
import java.util.Set;

/**
 * Figures of a 小規模企業共済掛金控除証明書.
 *
 * @param issued         whether this issue is sent to the holder at all
 * @param monthlyPremium 掛金月額 (in force in September for November, December for February)
 * @param paid           お払込み済額
 * @param scheduled      お払込み予定額 (Oct–Dec; 0 for the February issue)
 * @param discountPaid   前納減額金お支払額 (the June payout of Y)
 * @param deduction      控除額, or null when the certificate prints ****
 * @param withheld       why the deduction is null (empty when it is not)
 * @param address        the address in force at the address cutoff (null when not issued)
 * @param dataCutoff     payments dated after this day were not seen
 * @param addressCutoff  the address cutoff used
 */
public record CertificateFigures(
        DocumentKind document,
        int year,
        String contractNo,
        boolean issued,
        long monthlyPremium,
        long paid,
        long scheduled,
        long discountPaid,
        Long deduction,
        Set<WhyWithheld> withheld,
        Address address,
        LocalDate dataCutoff,
        LocalDate addressCutoff) implements Figures {

    public CertificateFigures {
        withheld = Set.copyOf(withheld);
    }

    public static CertificateFigures notIssued(DocumentKind document, int year, String contractNo,
                                               LocalDate dataCutoff, LocalDate addressCutoff) {
        return new CertificateFigures(document, year, contractNo, false, 0, 0, 0, 0, null, Set.of(), null,
                dataCutoff, addressCutoff);
    }

    public String postalCode() {
        return address == null ? null : address.postalCode();
    }
}
