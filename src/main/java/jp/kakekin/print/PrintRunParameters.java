package jp.kakekin.print;

import jp.kakekin.issuance.AddressRule;
import jp.kakekin.issuance.JapanClock;

import jp.kakekin.calc.DocumentKind;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What identifies a print run. Every field is an identifying job parameter: the same values name the
 * same Spring Batch job instance, so running them again resumes (or reports) that run instead of
 * starting another one that would print the same certificates twice.
 *
 * @param input        the ledger, JSON Lines
 * @param out          the folder that receives the batch PDFs, the manifest and the exclusion report
 * @param batchSize    certificates per print batch (one merged PDF each)
 * @param addressCutoff the latest address received on or before this day is used (RULES.md 1.7)
 * @param runDate      証明日 printed on every certificate of the run
 * @param trial        a trial run (見本): figures need not be final, every page is marked not valid, nothing
 *                     is registered; its folder is its own ({@link #trialFolder})
 */
public record PrintRunParameters(int year, PrintIssue issue, Path input, Path out, int batchSize,
                                 LocalDate addressCutoff, LocalDate runDate, boolean trial) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 10_000;

    static final String YEAR = "year";
    static final String ISSUE = "issue";
    static final String INPUT = "input";
    static final String OUT = "out";
    static final String BATCH_SIZE = "batchSize";
    static final String ADDRESS_CUTOFF = "addressCutoff";
    static final String RUN_DATE = "runDate";
    static final String TRIAL = "trial";

    public PrintRunParameters {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(addressCutoff, "addressCutoff");
        Objects.requireNonNull(runDate, "runDate");
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("year must be from 2000 to 2099, was " + year);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be from 1 to %,d, was %d".formatted(MAX_BATCH_SIZE, batchSize));
        }
        // One spelling per file, so that the same run given as a relative path resumes rather than restarts.
        input = input.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
    }

    /**
     * Fills in the defaults: batch size 500, the issue's address cutoff, today in Japan as the run date (the
     * command and the controller pass the application clock's date; the system clock is the last resort).
     */
    public static PrintRunParameters of(int year, PrintIssue issue, Path input, Path out, Integer batchSize,
                                        LocalDate addressCutoff, LocalDate runDate) {
        return of(year, issue, input, out, batchSize, addressCutoff, runDate, false);
    }

    /** As above; a trial writes to its own folder beside {@code out} ({@link #trialFolder}). */
    public static PrintRunParameters of(int year, PrintIssue issue, Path input, Path out, Integer batchSize,
                                        LocalDate addressCutoff, LocalDate runDate, boolean trial) {
        LocalDate date = runDate == null ? JapanClock.system().today() : runDate;
        return new PrintRunParameters(year, issue, input, trial ? trialFolder(out) : out,
                batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                addressCutoff == null ? AddressRule.runDefault(issue.document(), year, date) : addressCutoff,
                date, trial);
    }

    /** A trial run's folder: {@code <out>-trial}, so it never mixes with (or blocks) the real run's. */
    public static Path trialFolder(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + "-trial");
    }

    /** The last day whose payments the run's documents see; the run is final only after it (in Japan). */
    public LocalDate dataCutoff() {
        return jp.kakekin.issuance.Finality.dataCutoff(issue.document(), year);
    }

    public DocumentKind document() {
        return issue.document();
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLong(YEAR, (long) year)
                .addString(ISSUE, issue.name())
                .addString(INPUT, input.toString())
                .addString(OUT, out.toString())
                .addLong(BATCH_SIZE, (long) batchSize)
                .addLocalDate(ADDRESS_CUTOFF, addressCutoff)
                .addLocalDate(RUN_DATE, runDate)
                .addString(TRIAL, Boolean.toString(trial))
                .toJobParameters();
    }

    public static PrintRunParameters from(JobParameters p) {
        return new PrintRunParameters(
                Math.toIntExact(p.getLong(YEAR)),
                PrintIssue.valueOf(p.getString(ISSUE)),
                Path.of(p.getString(INPUT)),
                Path.of(p.getString(OUT)),
                Math.toIntExact(p.getLong(BATCH_SIZE)),
                p.getLocalDate(ADDRESS_CUTOFF),
                p.getLocalDate(RUN_DATE),
                "true".equals(p.getString(TRIAL)));
    }

    /** Parameters of the same run except the run date (used to find an unfinished run to resume). */
    boolean sameRunAs(PrintRunParameters other) {
        return year == other.year && issue == other.issue && input.equals(other.input) && out.equals(other.out)
                && batchSize == other.batchSize && addressCutoff.equals(other.addressCutoff)
                && trial == other.trial;
    }
}
