package jp.kakekin.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The queue of reissue requests filed on the public form, worked off by {@code reissue-run}. */
@Repository
public class ReissueRequests {

    public enum Status {
        /** Matched a contract; waiting for the next print batch. */
        QUEUED,
        /** Printed in a batch (document_id names what was printed). */
        PRINTED,
        /** Taken by a batch that could print nothing for it (outcome says why). */
        FAILED,
        /** Matched no contract; kept without personal data so hits and misses cost the same. */
        UNMATCHED
    }

    public record Request(long id, OffsetDateTime receivedAt, String contractNo, Status status, String batchId,
                          Long documentId, String outcome) {
    }

    private final JdbcClient jdbc;

    public ReissueRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Files a request: queued for {@code contractNo}, or UNMATCHED when it is null. */
    public void file(String contractNo, OffsetDateTime at) {
        jdbc.sql("INSERT INTO reissue_requests (received_at, contract_no, status) VALUES (?, ?, ?)")
                .params(utc(at), contractNo, (contractNo == null ? Status.UNMATCHED : Status.QUEUED).name())
                .update();
    }

    /** Queued requests, oldest first. */
    public List<Request> queued() {
        return jdbc.sql(SELECT + " WHERE status = 'QUEUED' ORDER BY id").query(Request.class).list();
    }

    public List<Request> all() {
        return jdbc.sql(SELECT + " ORDER BY id").query(Request.class).list();
    }

    /** Closes a queued request; false when another run got to it first. */
    public boolean close(long id, Status status, String batchId, Long documentId, String outcome, OffsetDateTime at) {
        return jdbc.sql("""
                        UPDATE reissue_requests SET status = ?, batch_id = ?, document_id = ?, outcome = ?,
                               processed_at = ?
                         WHERE id = ? AND status = 'QUEUED'""")
                .params(status.name(), batchId, documentId, outcome, utc(at), id)
                .update() == 1;
    }

    private static final String SELECT = """
            SELECT id, received_at, contract_no, status, batch_id, document_id, outcome FROM reissue_requests""";

    private static OffsetDateTime utc(OffsetDateTime at) {
        return at.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
