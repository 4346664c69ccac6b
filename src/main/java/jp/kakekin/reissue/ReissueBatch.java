package jp.kakekin.reissue;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.kakekin.batch.RunLauncher;
import jp.kakekin.issuance.ReasonCode;
import jp.kakekin.report.RunReport;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import java.nio.file.StandardCopyOption;

import jp.kakekin.issuance.JapanClock;

import jp.kakekin.ledger.Ledger;
import jp.kakekin.store.ContractStore;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.ReissueRequests;
import jp.kakekin.store.ReissueRequests.Request;
import jp.kakekin.store.ReissueRequests.Status;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reissue-run}: prints the requests queued by the public form as one print batch — a PDF per
 * letter and a manifest — and closes them. A contract asked for several times since the last batch gets
 * one letter. Every request taken is either printed or listed with the reason it could not be; none is
 * left behind. A restartable Spring Batch job ({@link ReissueRunJob}): a batch that was stopped or killed is
 * finished by the next {@code reissue-run} before a new one is started.
 */
@Service
public class ReissueBatch {

    static final String ACTOR = "reissue-run";
    static final String MANIFEST = "manifest.csv";
    static final String EXCEPTIONS = "exceptions.csv";
    /** Job parameters: the batch id and its folder identify the batch. */
    static final String BATCH_ID = "batchId";
    static final String DIRECTORY = "directory";
    static final String STARTED_BY = "startedBy";

    private static final DateTimeFormatter BATCH_ID_FORMAT = DateTimeFormatter.ofPattern("'R'uuuuMMdd'-'HHmmss");

    public record Report(String batchId, Path directory, int letters, int requests, int failed) {
    }

    private final ReissueRequests requests;
    private final ContractStore contracts;
    private final CertificateReissue reissue;
    private final IssueCalendar calendar;
    private final ObjectProvider<RunLauncher> launcher;
    private final ObjectProvider<JobRepository> repository;
    private final ObjectProvider<Job> job;

    public ReissueBatch(ReissueRequests requests, ContractStore contracts, CertificateReissue reissue,
                        IssueCalendar calendar, ObjectProvider<RunLauncher> launcher,
                        ObjectProvider<JobRepository> repository, @Qualifier("reissueRun") ObjectProvider<Job> job) {
        this.requests = requests;
        this.contracts = contracts;
        this.reissue = reissue;
        this.calendar = calendar;
        this.launcher = launcher;
        this.repository = repository;
        this.job = job;
    }

    /** @return the report, or empty when nothing was queued (no directory is made) */
    public Optional<Report> run(Path batchDirectory) throws Exception {
        return run(batchDirectory, false);
    }

    /**
     * Finishes the unfinished batch if there is one (stopped, failed, or killed: {@code recover} when its
     * process was on another host), else starts a batch of the queued requests.
     *
     * @return the report, or empty when nothing was queued (no directory is made)
     * @throws IllegalStateException when the batch failed (run again to resume it)
     */
    public Optional<Report> run(Path batchDirectory, boolean recover) throws Exception {
        JobRepository repo = repository.getObject();
        JobParameters params = null;
        for (JobInstance instance : repo.getJobInstances(ReissueRunJob.NAME, 0, 50)) {
            JobExecution last = repo.getLastJobExecution(instance);
            if (last != null && last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED) {
                params = last.getJobParameters();
                break;
            }
        }
        if (params == null) {
            if (requests.queued().isEmpty()) {
                return Optional.empty();
            }
            String batchId = BATCH_ID_FORMAT.format(calendar.now());
            params = new JobParametersBuilder()
                    .addString(BATCH_ID, batchId)
                    .addString(DIRECTORY, batchDirectory.resolve(batchId).toAbsolutePath().normalize().toString())
                    .toJobParameters();
        }
        JobParameters identifying = new JobParametersBuilder().addString(BATCH_ID, params.getString(BATCH_ID))
                .addString(DIRECTORY, params.getString(DIRECTORY)).toJobParameters();
        JobParameters full = new JobParametersBuilder(identifying)
                .addString(STARTED_BY, String.valueOf(System.getProperty("user.name")), false).toJobParameters();
        RunLauncher.Launch launch = launcher.getObject().launch(job.getObject(), identifying, full, recover);
        JobExecution e = launch.execution();
        while (!(launcher.getObject().finished(e.getId()) && !e.getStatus().isRunning())) {
            Thread.sleep(100);
        }
        if (e.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("batch %s %s: %s; run reissue-run again to finish it".formatted(
                    identifying.getString(BATCH_ID), e.getStatus(), e.getAllFailureExceptions().stream()
                            .map(t -> String.valueOf(t.getMessage())).distinct().reduce((a, b) -> a + "; " + b)
                            .orElse(e.getExitStatus().getExitCode())));
        }
        var ctx = repo.getJobExecution(e.getId()).getExecutionContext();
        int failed = (int) ctx.getLong(ReissueRunJob.FAILED_COUNT, 0);
        return Optional.of(new Report(identifying.getString(BATCH_ID), Path.of(identifying.getString(DIRECTORY)),
                ctx.getInt(ReissueRunJob.LETTER_COUNT, 0), ctx.getInt(ReissueRunJob.REQUEST_COUNT, 0), failed));
    }

    /**
     * One contract's letter: reissued, written as {@code NNNNN-<code>.pdf} (NNNNN: the group's place in the
     * batch) and its requests closed — in the caller's transaction (the chunk's), so that a kill before the
     * commit undoes the register's record and the requests' closing together.
     */
    ReissueRunJob.Outcome letter(ReissueRunJob.Group group, String batchId, Path dir) throws IOException {
        Letter letter = letter(group.contractNo(), group.askedAt(), batchId);
        OffsetDateTime now = calendar.now();
        if (letter.issued() == null) {
            for (long id : group.requestIds()) {
                requests.close(id, Status.FAILED, batchId, null, letter.reason() + ": " + letter.detail(), now);
            }
            return new ReissueRunJob.Outcome(null, new ExceptionLine(group.ids(), group.contractNo(), letter.reason(),
                    letter.detail()));
        }
        IssuedDocument d = letter.issued().document();
        String file = "%05d-%s.pdf".formatted(group.index() + 1, d.code().value());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file + ".tmp");
        Files.write(tmp, letter.issued().pdf());
        Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (long id : group.requestIds()) {
            requests.close(id, Status.PRINTED, batchId, d.id(), d.code().value(), now);
        }
        return new ReissueRunJob.Outcome(new ManifestLine(0, file, d.code().value(), d.original().value(),
                d.isReissue(), d.contractNo(), d.year(), d.kind().name(),
                d.address() == null ? null : d.address().postalCode(), group.ids(), sha256(letter.issued().pdf())), null);
    }

    private record Letter(CertificateReissue.Issued issued, ReasonCode reason, String detail) {
    }

    /**
     * The certificate the holder lost: their latest one on the day they asked. The Issuer decides (a
     * contract of the other scheme, none issued by then, not final…); this maps its reason.
     */
    private Letter letter(String contractNo, OffsetDateTime askedAt, String batchId) {
        Optional<Ledger> ledger = contracts.ledger(contractNo);
        if (ledger.isEmpty()) {
            return new Letter(null, ReasonCode.UNKNOWN_CONTRACT, "contract " + contractNo + " is no longer stored");
        }
        LocalDate asked = JapanClock.dateOf(askedAt.toInstant());
        return switch (reissue.reissueLatest(ledger.get(), asked, ACTOR, batchId)) {
            case CertificateReissue.Issued i -> new Letter(i, null, null);
            case CertificateReissue.Refused r -> new Letter(null, r.reason(), r.detail());
        };
    }

    /** One letter of the batch: manifest.csv (named columns, jp.kakekin.report). */
    record ManifestLine(int seq, String file, @JsonProperty("unique_code") String uniqueCode,
                        @JsonProperty("original_code") String originalCode, boolean reissue,
                        @JsonProperty("contract_no") String contractNo, int year, String document,
                        @JsonProperty("postal_code") String postalCode, @JsonProperty("request_ids") String requestIds,
                        String sha256) {
        /** The same letter with its number in the batch (letters are numbered in the batch's order when reported). */
        ManifestLine numbered(int n) {
            return new ManifestLine(n, file, uniqueCode, originalCode, reissue, contractNo, year, document, postalCode,
                    requestIds, sha256);
        }
    }

    /** One contract whose requests produced no letter, and why (the run reports' reason codes): exceptions.csv. */
    record ExceptionLine(@JsonProperty("request_ids") String requestIds, @JsonProperty("contract_no") String contractNo,
                         ReasonCode reason, String detail) implements RunReport.Excluded {
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
