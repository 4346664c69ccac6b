package jp.kakekin.reissue;

import jp.kakekin.batch.RunCatalog;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reissue batches in the runs list (kind {@code reissue}: letters issued, requests that got none, the
 * batch's documents in the register). They cannot be voided: each letter is a reissue of its own (a new
 * sequence of the original's code, in the register with its audit), already mailed to a holder who asked.
 */
@Component
class ReissueRunCatalog implements RunCatalog {

    private final JobRepository repository;
    private final ObjectProvider<IssuedDocuments> documents;

    ReissueRunCatalog(JobRepository repository, ObjectProvider<IssuedDocuments> documents) {
        this.repository = repository;
        this.documents = documents;
    }

    @Override
    public String kind() {
        return "reissue";
    }

    @Override
    public List<Listing> list() {
        List<Listing> all = new ArrayList<>();
        IssuedDocuments register = documents.getIfAvailable();
        for (JobInstance instance : repository.getJobInstances(ReissueRunJob.NAME, 0, 10_000)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null) {
                continue;
            }
            var p = last.getJobParameters();
            var ctx = last.getExecutionContext();
            String batchId = p.getString(ReissueBatch.BATCH_ID);
            all.add(new Listing(kind(), instance.getInstanceId(), null, null,
                    last.getStartTime() == null ? null : last.getStartTime().toLocalDate(), false, last.getStatus().name(),
                    ctx.containsKey(ReissueRunJob.LETTER_COUNT) ? (long) ctx.getInt(ReissueRunJob.LETTER_COUNT) : null,
                    ctx.containsKey(ReissueRunJob.FAILED_COUNT) ? ctx.getLong(ReissueRunJob.FAILED_COUNT) : null,
                    register == null || batchId == null ? 0 : register.countOfRun(batchId),
                    p.getString(ReissueBatch.STARTED_BY), p.getString(ReissueBatch.DIRECTORY), null));
        }
        all.sort(Comparator.comparingLong(Listing::runId).reversed());
        return all;
    }

    @Override
    public boolean owns(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        return instance != null && ReissueRunJob.NAME.equals(instance.getJobName());
    }

    @Override
    public Voided voidRun(long runId, String reason, String actor) {
        throw new IllegalStateException(("run %d is a reissue batch: it cannot be voided (each letter is a reissue of its "
                + "own, already mailed); reissue the holder's certificate again if a letter was wrong").formatted(runId));
    }
}
