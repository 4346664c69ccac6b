package jp.kakekin.print;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Says in a worker's log which partition it executes, of which run, and where it resumes one that
 * another worker left unfinished: with remote partitioning this is how an operator follows a run
 * across machines.
 */
class PartitionLog implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionLog.class);

    @Override
    public void beforeStep(StepExecution partition) {
        var ctx = partition.getExecutionContext();
        String resume = ctx.containsKey(LedgerLineReader.LINE)
                ? " resuming after line " + ctx.getLong(LedgerLineReader.LINE) + " (" + ctx.getLong(LedgerLineReader.RECORDS, 0) + " records done)"
                : partition.getCommitCount() > 0 ? " resuming after " + partition.getCommitCount() + " commits" : "";
        log.info("print-worker {}: executing {} of run {} (execution {}){}", RunOwner.current(), partition.getStepName(),
                partition.getJobExecution().getJobInstanceId(), partition.getId(), resume);
    }

    @Override
    public ExitStatus afterStep(StepExecution partition) {
        log.info("print-worker {}: {} of run {} {}", RunOwner.current(), partition.getStepName(),
                partition.getJobExecution().getJobInstanceId(), partition.getStatus());
        return null;
    }
}
