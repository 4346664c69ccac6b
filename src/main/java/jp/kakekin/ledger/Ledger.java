package jp.kakekin.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * One contract and its whole payment history, as described by {@code spec/ledger.md}.
 * Lists are never null (empty when absent); the optional parts are null when absent.
 */
public record Ledger(
        Scheme scheme,
        String contractNo,
        String checkDigits,
        Holder holder,
        List<Address> addresses,
        LocalDate contractDate,
        YearMonth applicationMonth,
        ApplicationMethod applicationMethod,
        List<PremiumPeriod> premiums,
        List<PaymentModePeriod> paymentModes,
        List<Payment> payments,
        List<PendingRequest> pendingRequests,
        DiscountCarried discountCarried,
        LocalDate terminatedOn,
        LocalDate previousTermination,
        EDelivery eDelivery) {

    public Ledger {
        addresses = List.copyOf(addresses);
        premiums = List.copyOf(premiums);
        paymentModes = List.copyOf(paymentModes);
        payments = List.copyOf(payments);
        pendingRequests = List.copyOf(pendingRequests);
    }

    /** The 9 digits a holder types: 共済契約者番号 followed by the check digits. */
    public String fullContractNumber() {
        return contractNo + checkDigits;
    }
}
