package jp.kakekin.print;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

/**
 * Removes the intermediate files once the report is written (a step of its own, so that a run killed
 * while deleting them restarts here and not at the report, which needs them).
 */
class CleanupTasklet implements Tasklet {

    private final boolean keep;

    CleanupTasklet(boolean keep) {
        this.keep = keep;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!keep) {
            PrintRunParameters run = PrintRunParameters.from(chunkContext.getStepContext().getStepExecution().getJobParameters());
            FileSystemUtils.deleteRecursively(new RunFolder(run.out()).work());
        }
        return RepeatStatus.FINISHED;
    }
}
