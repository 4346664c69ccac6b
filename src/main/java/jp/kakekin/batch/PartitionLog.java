package jp.kakekin.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Says in a worker's log which partition it executes, of which run, and where it resumes one that
 * another worker left unfinished: with remote partitioning this is how an operator follows a run
 * across machines. Written to standard error, as the commands' own messages are (the console log of a
 * command shows warnings only).
 */
public class PartitionLog implements StepExecutionListener {

    /** One line of a worker's account of its partitions, stamped (UTC). */
    public static void say(String format, Object... args) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + format.formatted(args));
    }

    @Override
    public void beforeStep(StepExecution partition) {
        var ctx = partition.getExecutionContext();
        String resume = ctx.containsKey(LedgerLineReader.LINE)
                ? " resuming after line " + ctx.getLong(LedgerLineReader.LINE) + " (" + ctx.getLong(LedgerLineReader.RECORDS, 0) + " records done)"
                : partition.getCommitCount() > 0 ? " resuming after " + partition.getCommitCount() + " commits" : "";
        say("print-worker %s: executing %s of run %d (execution %d)%s", RunOwner.current(), partition.getStepName(),
                partition.getJobExecution().getJobInstanceId(), partition.getId(), resume);
    }

    @Override
    public ExitStatus afterStep(StepExecution partition) {
        say("print-worker %s: %s of run %d %s", RunOwner.current(), partition.getStepName(),
                partition.getJobExecution().getJobInstanceId(), partition.getStatus());
        return null;
    }
}
