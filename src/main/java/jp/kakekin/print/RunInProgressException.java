package jp.kakekin.print;

import org.springframework.batch.core.BatchStatus;

/** The run is being executed by a process that is alive, or whose state cannot be checked from here. */
public class RunInProgressException extends PrintRunException {

    private final long runId;

    public RunInProgressException(long runId, long executionId, BatchStatus status, String owner) {
        super(("run %d is %s (execution %d, process %s). If that process is dead (killed, machine lost), run the same "
                + "command with --recover to mark the execution FAILED and resume it").formatted(runId, status,
                executionId, owner));
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
