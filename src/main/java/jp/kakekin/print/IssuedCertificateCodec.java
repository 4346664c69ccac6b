package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.MonthState;
import jp.kakekin.calc.SafetyPaymentStatusFigures;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.ledger.Address;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The binary form of an {@link IssuedCertificate} in the sort runs: about 200 bytes, no per-record
 * framing, read and written field by field (far cheaper than JSON for millions of records). The
 * document kind, written early, says which figures follow.
 */
final class IssuedCertificateCodec {

    private static final DocumentKind[] DOCUMENTS = DocumentKind.values();
    private static final WhyWithheld[] WHY = WhyWithheld.values();
    private static final MonthState[] STATES = MonthState.values();

    private IssuedCertificateCodec() {
    }

    static void write(DataOutput out, IssuedCertificate c) throws IOException {
        Address a = c.address();
        out.writeLong(c.line());
        out.writeUTF(a.postalCode());
        out.writeUTF(c.contractNo());
        out.writeUTF(c.checkDigits());
        out.writeUTF(c.holderName());
        out.writeByte(c.figures().document().ordinal());
        out.writeShort(c.figures().year());
        out.writeLong(a.receivedOn().toEpochDay());
        out.writeUTF(nullToEmpty(a.line1()));
        out.writeUTF(nullToEmpty(a.line2()));
        switch (c.figures()) {
            case CertificateFigures f -> writeCertificate(out, f);
            case SafetyPaymentStatusFigures f -> writePaymentStatus(out, f);
            default -> throw new IllegalArgumentException("no print run for " + c.figures().document());
        }
    }

    private static void writeCertificate(DataOutput out, CertificateFigures f) throws IOException {
        out.writeLong(f.monthlyPremium());
        out.writeLong(f.paid());
        out.writeLong(f.scheduled());
        out.writeLong(f.discountPaid());
        out.writeBoolean(f.deduction() != null);
        if (f.deduction() != null) {
            out.writeLong(f.deduction());
        }
        int why = 0;
        for (WhyWithheld w : f.withheld()) {
            why |= 1 << w.ordinal();
        }
        out.writeByte(why);
        out.writeLong(f.dataCutoff().toEpochDay());
        out.writeLong(f.addressCutoff().toEpochDay());
    }

    /** The twelve months (January first: state, amount), the balances, the 前納減額金 and the cancellation. */
    private static void writePaymentStatus(DataOutput out, SafetyPaymentStatusFigures f) throws IOException {
        for (SafetyPaymentStatusFigures.Month m : f.months()) {
            out.writeByte(m.state().ordinal());
            out.writeLong(m.amount());
        }
        out.writeLong(f.totalPaid());
        out.writeLong(f.applied());
        out.writeLong(f.prepaidBalance());
        out.writeLong(f.discountPaid());
        out.writeByte(f.discountPaidMonth() == null ? 0 : f.discountPaidMonth().getMonthValue());
        out.writeBoolean(f.cancelledOn() != null);
        if (f.cancelledOn() != null) {
            out.writeLong(f.cancelledOn().toEpochDay());
        }
    }

    static IssuedCertificate read(DataInput in) throws IOException {
        long line = in.readLong();
        String postalCode = in.readUTF();
        String contractNo = in.readUTF();
        String checkDigits = in.readUTF();
        String holderName = in.readUTF();
        DocumentKind document = DOCUMENTS[in.readByte()];
        int year = in.readShort();
        LocalDate receivedOn = LocalDate.ofEpochDay(in.readLong());
        Address address = new Address(receivedOn, postalCode, in.readUTF(), in.readUTF());
        if (document == DocumentKind.SAFETY_PAYMENT_STATUS) {
            return new IssuedCertificate(line, checkDigits, holderName, address,
                    readPaymentStatus(in, year, contractNo));
        }
        long monthly = in.readLong();
        long paid = in.readLong();
        long scheduled = in.readLong();
        long discount = in.readLong();
        Long deduction = in.readBoolean() ? in.readLong() : null;
        int why = in.readByte();
        Set<WhyWithheld> withheld = EnumSet.noneOf(WhyWithheld.class);
        for (WhyWithheld w : WHY) {
            if ((why & (1 << w.ordinal())) != 0) {
                withheld.add(w);
            }
        }
        LocalDate dataCutoff = LocalDate.ofEpochDay(in.readLong());
        LocalDate addressCutoff = LocalDate.ofEpochDay(in.readLong());
        CertificateFigures figures = new CertificateFigures(document, year, contractNo, true, monthly, paid, scheduled,
                discount, deduction, withheld, address, dataCutoff, addressCutoff);
        return new IssuedCertificate(line, checkDigits, holderName, figures);
    }

    private static SafetyPaymentStatusFigures readPaymentStatus(DataInput in, int year, String contractNo)
            throws IOException {
        List<SafetyPaymentStatusFigures.Month> months = new ArrayList<>(12);
        for (int m = 1; m <= 12; m++) {
            months.add(new SafetyPaymentStatusFigures.Month(YearMonth.of(year, m), STATES[in.readByte()], in.readLong()));
        }
        long totalPaid = in.readLong();
        long applied = in.readLong();
        long prepaidBalance = in.readLong();
        long discountPaid = in.readLong();
        int discountMonth = in.readByte();
        LocalDate cancelledOn = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
        return new SafetyPaymentStatusFigures(DocumentKind.SAFETY_PAYMENT_STATUS, year, contractNo, months, totalPaid,
                applied, prepaidBalance, discountPaid, discountMonth == 0 ? null : YearMonth.of(year, discountMonth),
                cancelledOn);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
