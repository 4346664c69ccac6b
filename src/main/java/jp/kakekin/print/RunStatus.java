package jp.kakekin.print;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What {@code GET /api/v1/runs/{id}} returns.
 *
 * @param records    records in the ledger (-1 before the prepare step)
 * @param calculated records calculated in committed chunks
 * @param toPrint    certificates in the merged postal order (-1 before the sort step)
 * @param batchesPrinted print batches completed
 * @param live       per-record progress, when the run executes in this process
 * @param summary    the counts of the finished run
 */
public record RunStatus(long runId, long executionId, int executions, String status, String exitCode,
                        String exitDescription, Parameters parameters, LocalDateTime startTime,
                        LocalDateTime endTime, long records, long calculated, long toPrint, int batches,
                        int batchesPrinted, List<Step> steps, Live live, RunSummary summary) {

    /** The run's parameters as given to the job (paths as plain strings). */
    public record Parameters(int year, String issue, String input, String out, int batchSize, LocalDate addressCutoff,
                             LocalDate runDate) {
        static Parameters of(PrintRunParameters p) {
            return new Parameters(p.year(), p.issue().name(), p.input().toString(), p.out().toString(), p.batchSize(),
                    p.addressCutoff(), p.runDate());
        }
    }

    public record Step(String name, String status, LocalDateTime startTime, LocalDateTime endTime) {
    }

    public record Live(String phase, long done, long total, double ratePerSecond, long etaSeconds) {
    }
}
