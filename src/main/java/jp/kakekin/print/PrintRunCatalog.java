package jp.kakekin.print;

import jp.kakekin.batch.RunCatalog;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import java.util.List;

/** The print runs in the runs list (docs/print-run.md, "Runs: list and void"). */
@Component
class PrintRunCatalog implements RunCatalog {

    private final PrintRuns runs;
    private final JobRepository repository;

    PrintRunCatalog(PrintRuns runs, JobRepository repository) {
        this.runs = runs;
        this.repository = repository;
    }

    @Override
    public String kind() {
        return "print";
    }

    @Override
    public List<Listing> list() {
        return runs.list().stream().map(r -> new Listing(kind(), r.runId(), r.issue(), r.year(), r.runDate(), r.trial(),
                r.state(), r.issued(), r.excluded(), r.registered(), r.startedBy(), r.out(), r.voidReason())).toList();
    }

    @Override
    public boolean owns(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        return instance != null && PrintRunJob.NAME.equals(instance.getJobName());
    }

    @Override
    public Voided voidRun(long runId, String reason, String actor) {
        try {
            var v = runs.voidRun(runId, reason, actor);
            return new Voided(runId, v.voidedAt().toString(), v.voidedBy(), v.reason(), v.documents());
        } catch (PrintRunException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
