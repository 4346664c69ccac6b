package jp.kakekin.store;

import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads a ledger file into the store, streaming: records are validated by the ledger reader and written
 * in batches, each batch in its own transaction. Importing a contract again replaces its ledger, so a
 * file can be imported twice (or an interrupted import re-run) with the same result.
 */
@Service
public class LedgerImport {

    static final int BATCH = 500;

    private final ContractStore contracts;
    private final TransactionTemplate tx;

    public LedgerImport(ContractStore contracts, TransactionTemplate tx) {
        this.contracts = contracts;
        this.tx = tx;
    }

    /**
     * @param onError receives every rejected record's errors, each naming file, line and field; a scheme
     *                conflict with the store is found when its batch is written, so it may come after the
     *                errors of a few later lines
     */
    public ImportSummary run(LedgerReader reader, Consumer<LedgerError> onError) {
        Batch batch = new Batch(reader.fileName(), onError);
        while (reader.hasNext()) {
            LedgerRecord record = reader.next();
            switch (record) {
                case LedgerRecord.Invalid invalid -> {
                    batch.rejected++;
                    invalid.errors().forEach(onError);
                }
                case LedgerRecord.Valid valid -> {
                    ContractRow row = ContractRow.of(valid.ledger(), reader.fileName(), valid.line());
                    // A contract listed twice: the later line wins, so the earlier must be written first.
                    if (!batch.numbers.add(row.contractNo()) || batch.rows.size() >= BATCH) {
                        batch.flush();
                        batch.numbers.add(row.contractNo());
                    }
                    batch.rows.add(row);
                }
            }
        }
        batch.flush();
        return new ImportSummary(batch.imported, batch.rejected);
    }

    private final class Batch {
        final String file;
        final Consumer<LedgerError> onError;
        final List<ContractRow> rows = new ArrayList<>(BATCH);
        final Set<String> numbers = new HashSet<>();
        long imported;
        long rejected;

        Batch(String file, Consumer<LedgerError> onError) {
            this.file = file;
            this.onError = onError;
        }

        void flush() {
            if (rows.isEmpty()) {
                numbers.clear();
                return;
            }
            try {
                write(rows);
            } catch (DataAccessException e) {
                // One row the database refuses (a value no check foresaw) must not cost the others their import:
                // the batch is rolled back and written again row by row, and only the refused rows are reported.
                for (ContractRow r : rows) {
                    try {
                        write(List.of(r));
                    } catch (DataAccessException rowFailure) {
                        onError.accept(new LedgerError(file, r.sourceLine(), "(store)", "contract " + r.contractNo()
                                + " not stored: " + rootMessage(rowFailure)));
                        rejected++;
                    }
                }
            }
            rows.clear();
            numbers.clear();
        }

        private void write(List<ContractRow> rows) {
            List<ContractRow> accepted = new ArrayList<>(rows.size());
            List<LedgerError> conflicts = new ArrayList<>();
            tx.executeWithoutResult(status -> {
                Map<String, String> stored = contracts.schemesOf(numbers);
                for (ContractRow r : rows) {
                    String scheme = stored.get(r.contractNo());
                    if (scheme != null && !scheme.equals(r.scheme())) {
                        // Replacing it would silently turn one scheme's contract into another's.
                        conflicts.add(new LedgerError(file, r.sourceLine(), "scheme",
                                "contract %s is stored as %s; a contract number cannot change scheme"
                                        .formatted(r.contractNo(), scheme)));
                    } else {
                        accepted.add(r);
                    }
                }
                if (!accepted.isEmpty()) {
                    contracts.upsert(accepted);
                }
            });
            // counted only once the transaction committed: a batch retried row by row is not counted twice
            conflicts.forEach(onError);
            rejected += conflicts.size();
            imported += accepted.size();
        }
    }

    /** The database's own words (e.g. "value too long for type character varying(200)"), one line. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
