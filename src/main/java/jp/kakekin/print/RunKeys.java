package jp.kakekin.print;

/** Keys of what a run keeps in its job execution context (it carries over to a restarted execution). */
final class RunKeys {

    private RunKeys() {
    }

    static final String OWNER = "print.owner";
    static final String INPUT_BYTES = "input.bytes";
    static final String INPUT_MODIFIED = "input.modified";
    static final String INPUT_LINES = "input.lines";
    static final String INPUT_RECORDS = "input.records";
    /** The partitions of the input as {@code start:end:firstLine} separated by {@code ;}. */
    static final String INPUT_SPLITS = "input.splits";
    static final String SORT_ISSUED = "sort.issued";
    static final String SORT_MERGED = "sort.merged";
    static final String SORT_DUPLICATES = "sort.duplicates";
    static final String SORT_BATCHES = "sort.batches";
    static final String SORT_INTERMEDIATE_RUNS = "sort.intermediateRuns";

    /** Partition keys (the worker step's own context). */
    static final String PARTITION = "partition";
    static final String PARTITIONS = "partitions";
    static final String START = "start";
    static final String END = "end";
    static final String FIRST_LINE = "firstLine";

    /** The run's name in the register of issued documents ({@code issued_documents.run}). */
    static String runName(long runId) {
        return "print-run-" + runId;
    }
}
