package jp.kakekin.correction;

import jp.kakekin.batch.RunCatalog;
import jp.kakekin.batch.RunLauncher;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The corrections runs as runs of the {@code corrections-run} job (docs/corrections.md, "Runs list and
 * void"): started here, listed with kind {@code corrections} (corrected, excluded, registered, who started
 * it), and voided: the corrected certificates leave the register of issued documents — they no longer count
 * as issued, so a reissue or an e-私書箱 copy states the replaced issue again and a new corrections run issues
 * them again — and the run's folder gets a {@code VOID.txt} (its PDFs and its e-私書箱 package are withdrawn).
 */
@Component
public class CorrectionRuns implements RunCatalog {

    static final String YEAR = "year";
    static final String ISSUE = "issue";
    static final String OUT = "out";
    static final String RUN_DATE = "runDate";
    static final String DATA_DATE = "dataDate";
    static final String ADDRESS_CUTOFF = "addressCutoff";
    static final String TRIAL = "trial";
    static final String STARTED_BY = "startedBy";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunLauncher launcher;
    private final JobRepository repository;
    private final Job job;
    private final ObjectProvider<IssuedDocuments> documents;
    private final TransactionTemplate tx;
    private final JapanClock clock;

    public CorrectionRuns(RunLauncher launcher, JobRepository repository, @Qualifier("correctionsRun") Job job,
                          ObjectProvider<IssuedDocuments> documents, PlatformTransactionManager tx, JapanClock clock) {
        this.launcher = launcher;
        this.repository = repository;
        this.job = job;
        this.documents = documents;
        this.tx = new TransactionTemplate(tx);
        this.clock = clock;
    }

    /** The run's name in the register ({@code issued_documents.run}, {@code run_voids.run}). */
    public static String runName(long runId) {
        return "corrections-run-" + runId;
    }

    static JobParameters identifying(CorrectionRun.Parameters p) {
        return new JobParametersBuilder()
                .addLong(YEAR, (long) p.year())
                .addString(ISSUE, CorrectionRun.issueName(p.kind()))
                .addString(OUT, p.out().toString())
                .addString(RUN_DATE, p.runDate().toString())
                .addString(DATA_DATE, p.dataDate().toString())
                .addString(ADDRESS_CUTOFF, p.addressCutoff() == null ? "-" : p.addressCutoff().toString())
                .addString(TRIAL, String.valueOf(p.trial()))
                .toJobParameters();
    }

    static CorrectionRun.Parameters parameters(JobParameters j) {
        String cutoff = j.getString(ADDRESS_CUTOFF);
        return new CorrectionRun.Parameters(j.getLong(YEAR).intValue(),
                "NOVEMBER".equals(j.getString(ISSUE)) ? DocumentKind.NOVEMBER_CERTIFICATE : DocumentKind.FEBRUARY_CERTIFICATE,
                Path.of(j.getString(OUT)), LocalDate.parse(j.getString(RUN_DATE)), LocalDate.parse(j.getString(DATA_DATE)),
                cutoff == null || cutoff.equals("-") ? null : LocalDate.parse(cutoff),
                Boolean.parseBoolean(j.getString(TRIAL)));
    }

    /** A run's {@code summary.json}. */
    public CorrectionSummary summary(Path file) {
        return readSummary(file);
    }

    static CorrectionSummary readSummary(Path file) {
        return JSON.readValue(file.toFile(), CorrectionSummary.class);
    }

    /**
     * Starts the run, or resumes one that failed or was killed (same parameters, {@link RunLauncher}); a
     * completed one is not run again. A voided run's parameters are refused: a new run (another {@code --out}
     * or {@code --run-date}) issues its certificates again.
     *
     * @param startedBy who starts it, recorded with the run (not part of its identity)
     */
    public RunLauncher.Launch launch(CorrectionRun.Parameters p, boolean recover, String startedBy) throws Exception {
        JobParameters identifying = identifying(p);
        JobInstance instance = repository.getJobInstance(CorrectionRunJob.NAME, identifying);
        IssuedDocuments register = documents.getIfAvailable();
        if (instance != null && register != null && register.voidOf(runName(instance.getInstanceId())).isPresent()) {
            throw new IllegalStateException(("corrections run %d was voided: start a new run (another --out or "
                    + "--run-date) to issue its certificates again").formatted(instance.getInstanceId()));
        }
        JobParameters full = new JobParametersBuilder(identifying)
                .addString(STARTED_BY, startedBy == null ? "unknown" : startedBy, false).toJobParameters();
        return launcher.launch(job, identifying, full, recover);
    }

    /** Whether the execution has ended in the job repository. */
    public boolean finished(long executionId) {
        return launcher.finished(executionId);
    }

    public JobExecution execution(long executionId) {
        return repository.getJobExecution(executionId);
    }

    @Override
    public String kind() {
        return "corrections";
    }

    @Override
    public List<Listing> list() {
        List<Listing> all = new ArrayList<>();
        IssuedDocuments register = documents.getIfAvailable();
        for (JobInstance instance : repository.getJobInstances(CorrectionRunJob.NAME, 0, 10_000)) {
            JobExecution last = repository.getLastJobExecution(instance);
            if (last == null) {
                continue;
            }
            CorrectionRun.Parameters p;
            try {
                p = parameters(last.getJobParameters());
            } catch (RuntimeException e) {
                continue;
            }
            var ctx = last.getExecutionContext();
            String run = runName(instance.getInstanceId());
            Optional<IssuedDocuments.RunVoid> voided = register == null ? Optional.empty() : register.voidOf(run);
            all.add(new Listing(kind(), instance.getInstanceId(), CorrectionRun.issueName(p.kind()), p.year(),
                    p.runDate(), p.trial(), voided.isPresent() ? "VOID" : last.getStatus().name(),
                    ctx.containsKey(CorrectionRunJob.CORRECTED) ? ctx.getLong(CorrectionRunJob.CORRECTED) : null,
                    ctx.containsKey(CorrectionRunJob.EXCLUDED) ? ctx.getLong(CorrectionRunJob.EXCLUDED) : null,
                    register == null ? 0 : register.countOfRun(run), last.getJobParameters().getString(STARTED_BY),
                    p.folder().toString(), voided.map(IssuedDocuments.RunVoid::reason).orElse(null)));
        }
        all.sort(Comparator.comparingLong(Listing::runId).reversed());
        return all;
    }

    @Override
    public boolean owns(long runId) {
        JobInstance instance = repository.getJobInstance(runId);
        return instance != null && CorrectionRunJob.NAME.equals(instance.getJobName());
    }

    @Override
    public Voided voidRun(long runId, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalStateException("a void needs a reason");
        }
        JobInstance instance = repository.getJobInstance(runId);
        if (instance == null || !CorrectionRunJob.NAME.equals(instance.getJobName())) {
            throw new IllegalStateException("no corrections run " + runId);
        }
        JobExecution last = repository.getLastJobExecution(instance);
        if (last.getStatus().isRunning()) {
            throw new IllegalStateException("run %d is %s: stop it before voiding it".formatted(runId, last.getStatus()));
        }
        CorrectionRun.Parameters p = parameters(last.getJobParameters());
        if (p.trial()) {
            throw new IllegalStateException("run %d is a trial: it issued nothing to void".formatted(runId));
        }
        IssuedDocuments register = documents.getIfAvailable();
        if (register == null) {
            throw new IllegalStateException("no store: nothing of run " + runId + " was registered");
        }
        IssuedDocuments.RunVoid v = tx.execute(s -> register.voidRun(runName(runId), reason.strip(), actor, clock.now()));
        Path mark = p.folder().resolve("VOID.txt");
        try {
            Files.createDirectories(p.folder());
            Files.writeString(mark, """
                    VOID: corrections run %d (%d %s, run date %s, data date %s) was voided on %s by %s.
                    Reason: %s
                    %d corrected certificates left the register of issued documents; none of this folder's pages,
                    nor its e-私書箱 package, is valid: do not mail or deliver them.
                    A new corrections run (another --out or --run-date) issues them again.
                    """.formatted(runId, p.year(), CorrectionRun.issueName(p.kind()), p.runDate(), p.dataDate(),
                    v.voidedAt(), actor, v.reason(), v.documents()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + runId + " is void in the register, but " + mark
                    + " could not be written: " + e.getMessage(), e);
        }
        return new Voided(runId, v.voidedAt().toString(), v.voidedBy(), v.reason(), v.documents());
    }
}
