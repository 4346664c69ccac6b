package jp.kakekin.edelivery;

import jp.kakekin.calc.DocumentKind;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The parameters of an e-私書箱 run as a Spring Batch job: everything but {@code sakuseiDay}, {@code replace}
 * and who started it identifies the run, so the same values resume it instead of delivering twice.
 *
 * @param addressCutoff null for the issue's default (RULES.md 1.7)
 * @param sakuseiDay    the day the XML is made: fixed when the run starts, so a resumed run signs the same bytes
 * @param replace       an earlier package of the same name in {@code out} may be replaced
 */
public record EDeliveryRunParameters(int year, DocumentKind issue, Path input, Path out, LocalDate runDate,
                                     LocalDate certifiedOn, LocalDate addressCutoff, LocalDate sakuseiDay,
                                     boolean replace) {

    static final String STARTED_BY = "startedBy";

    public EDeliveryRunParameters {
        input = input.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        new RunParameters(year, issue, runDate, certifiedOn, sakuseiDay, input.toString()); // checks the issue
    }

    public RunParameters run() {
        return new RunParameters(year, issue, runDate, certifiedOn, sakuseiDay, input.toString());
    }

    /** The run's work folder: its claim and the partitions' chunk files, removed when the run completes. */
    public Path workDir() {
        return out.resolve("." + run().packageName() + ".e-delivery");
    }

    JobParameters identifying() {
        return new JobParametersBuilder()
                .addLong("year", (long) year)
                .addString("issue", issue.name())
                .addString("input", input.toString())
                .addString("out", out.toString())
                .addString("runDate", runDate.toString())
                .addString("certifiedOn", certifiedOn.toString())
                .addString("addressCutoff", addressCutoff == null ? "" : addressCutoff.toString())
                .toJobParameters();
    }

    JobParameters toJobParameters(String startedBy) {
        return new JobParametersBuilder(identifying())
                .addString("sakuseiDay", sakuseiDay.toString(), false)
                .addString("replace", Boolean.toString(replace), false)
                .addString(STARTED_BY, startedBy == null ? "unknown" : startedBy, false)
                .toJobParameters();
    }

    static EDeliveryRunParameters from(JobParameters p) {
        String cutoff = p.getString("addressCutoff");
        return new EDeliveryRunParameters(p.getLong("year").intValue(), DocumentKind.valueOf(p.getString("issue")),
                Path.of(p.getString("input")), Path.of(p.getString("out")), LocalDate.parse(p.getString("runDate")),
                LocalDate.parse(p.getString("certifiedOn")), cutoff == null || cutoff.isEmpty() ? null : LocalDate.parse(cutoff),
                LocalDate.parse(p.getString("sakuseiDay")), Boolean.parseBoolean(p.getString("replace")));
    }

    /** The same run but for its run date (and 証明日, when it defaults to the run date). */
    boolean sameRunAs(EDeliveryRunParameters o) {
        return year == o.year && issue == o.issue && input.equals(o.input) && out.equals(o.out)
                && java.util.Objects.equals(addressCutoff, o.addressCutoff);
    }
}
