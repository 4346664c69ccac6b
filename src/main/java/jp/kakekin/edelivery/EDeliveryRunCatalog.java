package jp.kakekin.edelivery;

import jp.kakekin.batch.RunCatalog;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The e-私書箱 runs in the runs list. Voiding one withdraws its package: the void is recorded (audit, in
 * {@code run_voids} as {@code e-delivery-run-<id>}; an e-私書箱 run registers no documents of its own — its
 * certificates are the print run's) and {@code NAME.VOID.txt} is written beside the ZIP, which must then not
 * be delivered.
 */
@Component
class EDeliveryRunCatalog implements RunCatalog {

    private final EDeliveryRuns runs;
    private final JobRepository repository;
    private final ObjectProvider<IssuedDocuments> documents;
    private final ObjectProvider<TransactionTemplate> tx;
    private final JapanClock clock;

    EDeliveryRunCatalog(EDeliveryRuns runs, JobRepository repository, ObjectProvider<IssuedDocuments> documents,
                        ObjectProvider<TransactionTemplate> tx, JapanClock clock) {
        this.runs = runs;
        this.repository = repository;
        this.documents = documents;
        this.tx = tx;
        this.clock = clock;
    }

    static String runName(long runId) {
        return "e-delivery-run-" + runId;
    }

    @Override
    public String kind() {
        return "e-delivery";
    }

    @Override
    public List<Listing> list() {
        IssuedDocuments register = documents.getIfAvailable();
        return runs.list().stream().map(r -> {
            Optional<IssuedDocuments.RunVoid> voided = register == null ? Optional.empty() : register.voidOf(runName(r.runId()));
            return new Listing(kind(), r.runId(), r.issue(), r.year(), r.runDate(), false,
                    voided.isPresent() ? "VOID" : r.state(), r.delivered(), r.excluded(), 0, r.startedBy(),
                    r.zip().toString(), voided.map(IssuedDocuments.RunVoid::reason).orElse(null));
        }).toList();
    }

    @Override
    public boolean owns(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        return instance != null && EDeliveryRunJob.NAME.equals(instance.getJobName());
    }

    @Override
    public Voided voidRun(long runId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalStateException("a void needs a reason");
        }
        JobInstance instance = repository.getJobInstance(runId);
        if (instance == null || !EDeliveryRunJob.NAME.equals(instance.getJobName())) {
            throw new IllegalStateException("no e-私書箱 run " + runId);
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last.getStatus().isRunning()) {
            throw new IllegalStateException("run %d is %s: stop it before voiding it".formatted(runId, last.getStatus()));
        }
        IssuedDocuments register = documents.getIfAvailable();
        if (register == null) {
            throw new IllegalStateException("no store to record the void of run " + runId + " in");
        }
        IssuedDocuments.RunVoid v = tx.getObject().execute(s -> register.voidRun(runName(runId), reason.strip(), actor,
                clock.now()));
        EDeliveryRunParameters p = EDeliveryRunParameters.from(last.getJobParameters());
        Path mark = p.out().resolve(p.run().packageName() + ".VOID.txt");
        try {
            Files.createDirectories(p.out());
            Files.writeString(mark, """
                    VOID: e-私書箱 run %d (%d %s, run date %s) was voided on %s by %s.
                    Reason: %s
                    Do not deliver %s.zip: none of its documents is valid as sent in this run.
                    """.formatted(runId, p.year(), p.issue(), p.runDate(), v.voidedAt(), actor, v.reason(),
                    p.run().packageName()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + " is void in the register, but " + mark
                    + " could not be written: " + e.getMessage(), e);
        }
        return new Voided(runId, v.voidedAt().toString(), v.voidedBy(), v.reason(), v.documents());
    }
}
