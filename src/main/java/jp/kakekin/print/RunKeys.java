package jp.kakekin.print;

/** Keys of what a run keeps in its job execution context (it carries over to a restarted execution). */
final class RunKeys {

    private RunKeys() {
    }

    // Shared with every bulk run (jp.kakekin.batch.RunKeys).
    static final String OWNER = jp.kakekin.batch.RunKeys.OWNER;
    static final String INPUT_BYTES = jp.kakekin.batch.RunKeys.INPUT_BYTES;
    static final String INPUT_MODIFIED = jp.kakekin.batch.RunKeys.INPUT_MODIFIED;
    static final String INPUT_LINES = jp.kakekin.batch.RunKeys.INPUT_LINES;
    static final String INPUT_RECORDS = jp.kakekin.batch.RunKeys.INPUT_RECORDS;
    static final String INPUT_SPLITS = jp.kakekin.batch.RunKeys.INPUT_SPLITS;
    static final String PARTITION = jp.kakekin.batch.RunKeys.PARTITION;
    static final String PARTITIONS = jp.kakekin.batch.RunKeys.PARTITIONS;
    static final String START = jp.kakekin.batch.RunKeys.START;
    static final String END = jp.kakekin.batch.RunKeys.END;
    static final String FIRST_LINE = jp.kakekin.batch.RunKeys.FIRST_LINE;

    static final String SORT_ISSUED = "sort.issued";
    static final String SORT_MERGED = "sort.merged";
    static final String SORT_DUPLICATES = "sort.duplicates";
    static final String SORT_BATCHES = "sort.batches";
    static final String SORT_INTERMEDIATE_RUNS = "sort.intermediateRuns";

    /** The run's name in the register of issued documents ({@code issued_documents.run}). */
    static String runName(long runId) {
        return "print-run-" + runId;
    }
}
