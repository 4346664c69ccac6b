package jp.kakekin.batch;

/** Keys every bulk run keeps in its job execution context and partition contexts. */
public final class RunKeys {

    private RunKeys() {
    }

    /** The process executing the run ({@link RunOwner}); the name predates the other jobs and is kept for stored runs. */
    public static final String OWNER = "print.owner";
    public static final String INPUT_BYTES = "input.bytes";
    public static final String INPUT_MODIFIED = "input.modified";
    public static final String INPUT_LINES = "input.lines";
    public static final String INPUT_RECORDS = "input.records";
    /** The partitions of the input as {@code start:end:firstLine} separated by {@code ;}. */
    public static final String INPUT_SPLITS = "input.splits";

    /** Partition keys (the worker step's own context). */
    public static final String PARTITION = "partition";
    public static final String PARTITIONS = "partitions";
    public static final String START = "start";
    public static final String END = "end";
    public static final String FIRST_LINE = "firstLine";
}
