package jp.kakekin.batch;

import java.time.LocalDate;
import java.util.List;

/**
 * The runs of one kind of bulk job, for the runs list ({@code runs}, {@code GET /api/v1/runs}) and its voids.
 * Each channel's job provides one (print runs, e-私書箱 runs, reissue batches, corrections runs); run ids are Spring Batch job
 * instance ids, unique across the kinds.
 */
public interface RunCatalog {

    /** {@code print}, {@code e-delivery}, {@code reissue}, {@code corrections}. */
    String kind();

    /** The runs of this kind, newest first. */
    List<Listing> list();

    /** Whether {@code runId} is a run of this kind. */
    boolean owns(long runId);

    /**
     * Voids a finished run (audited with who and why).
     *
     * @return what the void did
     * @throws IllegalStateException when it cannot be voided (running, void already, not meaningful for the kind)
     */
    Voided voidRun(long runId, String reason, String actor);

    /**
     * One run of the list.
     *
     * @param kind       which job ({@link #kind()})
     * @param issue      the issue (NOVEMBER, FEBRUARY, SAFETY_PAYMENT_STATUS), or null (a reissue batch)
     * @param state      the job's status, or VOID for a voided run
     * @param issued     documents issued (printed, delivered, letters), null until the run has reported
     * @param registered documents of the run in the register of issued documents now (0 once voided)
     */
    record Listing(String kind, long runId, String issue, Integer year, LocalDate runDate, boolean trial, String state,
                   Long issued, Long excluded, long registered, String startedBy, String out, String voidReason) {
    }

    /** What a void did: the documents that left the register, when, by whom, why. */
    record Voided(long runId, String voidedAt, String voidedBy, String reason, int documents) {
    }
}
