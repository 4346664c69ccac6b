package jp.kakekin.store;

import jp.kakekin.ledger.LedgerError;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
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
            List<ContractRow> accepted = new ArrayList<>(rows.size());
            tx.executeWithoutResult(status -> {
                Map<String, String> stored = contracts.schemesOf(numbers);
                for (ContractRow r : rows) {
                    String scheme = stored.get(r.contractNo());
                    if (scheme != null && !scheme.equals(r.scheme())) {
                        // Replacing it would silently turn one scheme's contract into another's.
                        onError.accept(new LedgerError(file, r.sourceLine(), "scheme",
                                "contract %s is stored as %s; a contract number cannot change scheme"
                                        .formatted(r.contractNo(), scheme)));
                        rejected++;
                    } else {
                        accepted.add(r);
                    }
                }
                if (!accepted.isEmpty()) {
                    contracts.upsert(accepted);
                }
            });
            imported += accepted.size();
            rows.clear();
            numbers.clear();
        }
    }
}
