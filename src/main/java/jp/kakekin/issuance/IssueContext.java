package jp.kakekin.issuance;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How a document is being issued: on which day, to which address cutoff, and in what spirit.
 *
 * @param runDate       the day the document is issued (証明日 / 作成日), a date in Japan
 * @param addressCutoff overrides the document's address cutoff (RULES.md 1.7); null for its own rule
 * @param onDemand      issued on request for one holder (operator reissue, the public form, an e-私書箱
 *                      on-demand export, the statements endpoint) rather than by a bulk run: the document
 *                      goes to the address registered on the run date
 * @param trial         a trial (見本): figures need not be final, nothing is registered, pages are marked
 *                      not valid
 * @param minSequence   the lowest unique-code sequence a document issued on request may take (0: the
 *                      register decides alone); a channel that lost a race for a sequence asks again above it
 * @param correction    a corrections run (追加発行): the certificate issued before and the data date; null
 *                      for every other issue
 * @param copy          a copy of what was issued, not a new document (the e-私書箱 on-demand export): the
 *                      holder's latest issued document of the certificate — a corrected certificate's figures,
 *                      address and code once it was corrected, else the bulk run's — with no new sequence
 *                      ({@code minSequence} names a later reissue's code)
 */
public record IssueContext(LocalDate runDate, LocalDate addressCutoff, boolean onDemand, boolean trial,
                           int minSequence, Correction correction, boolean copy) {

    public IssueContext {
        Objects.requireNonNull(runDate, "runDate");
    }

    public IssueContext(LocalDate runDate, LocalDate addressCutoff, boolean onDemand, boolean trial, int minSequence) {
        this(runDate, addressCutoff, onDemand, trial, minSequence, null, false);
    }

    public IssueContext(LocalDate runDate, LocalDate addressCutoff, boolean onDemand, boolean trial, int minSequence,
                        Correction correction) {
        this(runDate, addressCutoff, onDemand, trial, minSequence, correction, false);
    }

    /**
     * The electronic copy, made on {@code day}, of the certificate a holder was issued (e-私書箱 on demand,
     * docs/e-delivery.md): the latest issued document of it ({@link IssuedRegister#latestCorrection}) — the
     * corrected certificate once corrected (its figures as of its data date, its address, its code), else
     * the bulk run's certificate. {@code sequence} 1.. names a later reissue's code, 0 the document's own.
     */
    public static IssueContext copy(LocalDate day, int sequence) {
        return new IssueContext(day, null, false, false, sequence, null, true);
    }

    /**
     * A corrections run on {@code runDate} asking about one certificate issued before: the Issuer decides
     * whether a corrected certificate is issued (docs/corrections.md).
     */
    public static IssueContext correction(LocalDate runDate, Correction correction) {
        return new IssueContext(runDate, null, false, false, 0, Objects.requireNonNull(correction));
    }

    /** A bulk run (print run, e-私書箱 run, render) on {@code runDate}, with the documents' own address cutoffs. */
    public static IssueContext run(LocalDate runDate) {
        return new IssueContext(runDate, null, false, false, 0);
    }

    /**
     * Figures only, as the {@code calculate} channel shows them: no particular day, nothing printed or
     * registered, finality not asked (a what-if, like a trial).
     */
    public static IssueContext preview() {
        return new IssueContext(LocalDate.of(9999, 12, 31), null, false, true, 0);
    }

    /** One holder's document issued on request on {@code today}. */
    public static IssueContext onDemand(LocalDate today) {
        return new IssueContext(today, null, true, false, 0);
    }

    public IssueContext withAddressCutoff(LocalDate cutoff) {
        return new IssueContext(runDate, cutoff, onDemand, trial, minSequence, correction, copy);
    }

    public IssueContext asTrial(boolean trial) {
        return new IssueContext(runDate, addressCutoff, onDemand, trial, minSequence, correction, copy);
    }

    /** The same, taking no sequence below {@code sequence} (after losing a race for a lower one). */
    public IssueContext withMinSequence(int sequence) {
        return new IssueContext(runDate, addressCutoff, onDemand, trial, sequence, correction, copy);
    }
}
