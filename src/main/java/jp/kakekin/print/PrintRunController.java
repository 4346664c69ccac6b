package jp.kakekin.print;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jp.kakekin.issuance.Finality;
import jp.kakekin.issuance.JapanClock;
import jp.kakekin.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/runs} starts (or resumes) a print run in the service's process and answers at
 * once; {@code GET /api/v1/runs/{id}} reports its status and counts. Problems: web.ApiProblems.
 */
@RestController
@RequestMapping("/api/v1/runs")
public class PrintRunController {

    private final PrintRuns runs;
    private final RunPaths paths;
    private final JapanClock clock;

    private final List<jp.kakekin.batch.RunCatalog> catalogs;

    public PrintRunController(PrintRuns runs, RunPaths paths, JapanClock clock, List<jp.kakekin.batch.RunCatalog> catalogs) {
        this.catalogs = catalogs;
        this.runs = runs;
        this.paths = paths;
        this.clock = clock;
    }

    /**
     * The request body: the CLI's options. Paths are paths on the service's machine, and only under the
     * configured folders ({@link RunPaths}, {@code kakekin.runs.*}).
     */
    public record RunRequest(@NotNull @Min(2000) @Max(2099) Integer year, @NotNull PrintIssue issue,
                             @NotBlank String input, @NotBlank String out, @Positive Integer batchSize,
                             LocalDate addressCutoff, LocalDate runDate, Boolean recover, Boolean trial) {
    }

    /** The answer to a start: the run, its execution, what happened and where to follow it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Started(long runId, long executionId, PrintRuns.Outcome outcome, String note, URI status) {
    }

    /** {@code GET /api/v1/runs/{id}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(String kind, long runId, long executionId, int executions, String status, String exitCode,
                          String exitDescription, RunStatus.Parameters parameters, LocalDateTime startTime,
                          LocalDateTime endTime, Counts counts, List<RunStatus.Step> steps, RunStatus.Live progress) {
        static RunView of(RunStatus s) {
            return new RunView("print", s.runId(), s.executionId(), s.executions(), s.status(), s.exitCode(),
                    s.exitDescription(), s.parameters(), s.startTime(), s.endTime(), Counts.of(s), s.steps(), s.live());
        }
    }

    /** The run's counts; those of the summary once it is finished. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(long records, long calculated, long toPrint, int batches, int batchesPrinted, Long issued,
                         Long excluded, Map<String, Long> excludedByReason, Long manifestRows, Long pages,
                         Integer batchFiles, Long pdfBytes, Boolean reconciled) {
        static Counts of(RunStatus s) {
            RunSummary r = s.summary();
            return r == null
                    ? new Counts(s.records(), s.calculated(), s.toPrint(), s.batches(), s.batchesPrinted(),
                    null, null, null, null, null, null, null, null)
                    : new Counts(s.records(), s.calculated(), s.toPrint(), s.batches(), s.batchesPrinted(),
                    r.issued(), r.excluded(), r.excludedByReason(), r.manifestRows(), r.pages(), r.batchFiles(),
                    r.pdfBytes(), r.reconciled());
        }
    }

    @ApiResponse(responseCode = "202", description = "started or resumed; follow it at the Location")
    @ApiResponse(responseCode = "200", description = "that run is already complete")
    @ApiResponse(responseCode = "409", description = "the run is in progress elsewhere (runId), or cannot start")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Started> start(@Valid @RequestBody RunRequest request, java.security.Principal operator)
            throws Exception {
        boolean trial = Boolean.TRUE.equals(request.trial());
        LocalDate today = clock.today();
        LocalDate cutoff = Finality.dataCutoff(request.issue().document(), request.year());
        LocalDate dated = request.runDate() != null ? request.runDate() : today;
        if (!trial && !(Finality.isFinal(cutoff, today) && Finality.isFinal(cutoff, dated))) {
            // Final figures only (issue #10): before the cutoff, a trial or nothing.
            throw new ApiProblem(HttpStatus.CONFLICT, "Not yet final", ("the %d %s run is not final: its data cutoff %s "
                    + "has not passed in Japan (today is %s); ask for a trial (\"trial\": true) for a 見本 run")
                    .formatted(request.year(), request.issue(), cutoff, today));
        }
        PrintRunParameters params;
        try {
            Path input = paths.input(request.input());
            Path out = paths.output(request.out());
            params = PrintRunParameters.of(request.year(), request.issue(), input, out, request.batchSize(),
                    request.addressCutoff(), dated, trial);
            if (request.runDate() == null) {
                LocalDate resume = runs.unfinishedRunDate(params).orElse(null);
                if (resume != null) {
                    params = PrintRunParameters.of(request.year(), request.issue(), input, out, request.batchSize(),
                            request.addressCutoff(), resume, trial);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid print run", e.getMessage());
        }
        PrintRuns.Launch launch;
        try {
            launch = runs.launch(params, Boolean.TRUE.equals(request.recover()),
                    operator == null ? "unknown" : operator.getName());
        } catch (RunInProgressException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Print run in progress", e.getMessage()).with("runId", e.runId());
        } catch (PrintRunException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Print run cannot start", e.getMessage());
        }
        URI location = URI.create("/api/v1/runs/" + launch.runId());
        HttpStatus status = launch.outcome() == PrintRuns.Outcome.ALREADY_COMPLETE ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location).body(new Started(launch.runId(),
                launch.execution().getId(), launch.outcome(), launch.note(), location));
    }

    /**
     * Every run, newest first — print runs, e-私書箱 runs and reissue batches ({@code kind}): issue, year, state
     * (VOID for a voided run), counts, who started it.
     */
    @ApiResponse(responseCode = "200", description = "every run of every kind, newest first")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<jp.kakekin.batch.RunCatalog.Listing> list() {
        return catalogs.stream().flatMap(c -> c.list().stream())
                .sorted(java.util.Comparator.comparingLong(jp.kakekin.batch.RunCatalog.Listing::runId).reversed()).toList();
    }

    /** The body of a void: why (recorded with the operator's name). */
    public record VoidRequest(@NotBlank String reason) {
    }

    /** What a void did. */
    public record Voided(long runId, String state, String voidedAt, String voidedBy, String reason,
                         int documentsVoided) {
    }

    /**
     * Voids a finished run (audited): its documents no longer count as issued, its folder gets a VOID.txt,
     * and a new run issues them again.
     */
    @ApiResponse(responseCode = "200", description = "the run is void")
    @ApiResponse(responseCode = "404", description = "no such run")
    @ApiResponse(responseCode = "409", description = "the run is running, void already, or a reissue batch")
    @PostMapping(path = "/{id}/void", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Voided voidRun(@PathVariable @Positive long id, @Valid @RequestBody VoidRequest request,
                          java.security.Principal operator) {
        if (runs.status(id).isEmpty()) {
            // Another kind of run (an e-私書箱 run: its package is withdrawn; a reissue batch cannot be voided).
            var owner = catalogs.stream().filter(c -> c.owns(id)).findFirst()
                    .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such run", "there is no run " + id));
            try {
                var v = owner.voidRun(id, request.reason(), operator == null ? "unknown" : operator.getName());
                return new Voided(id, "VOID", v.voidedAt(), v.voidedBy(), v.reason(), v.documents());
            } catch (IllegalStateException e) {
                throw new ApiProblem(HttpStatus.CONFLICT, "Cannot void the run", e.getMessage()).with("runId", id);
            }
        }
        try {
            var v = runs.voidRun(id, request.reason(), operator == null ? "unknown" : operator.getName());
            return new Voided(id, "VOID", v.voidedAt().toString(), v.voidedBy(), v.reason(), v.documents());
        } catch (PrintRunException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Cannot void the run", e.getMessage()).with("runId", id);
        }
    }

    /**
     * One run of the runs list, whatever its kind: a print run with its steps, counts and live progress
     * ({@link RunView}, {@code "kind": "print"}); an e-私書箱 run, reissue batch or corrections run as the runs
     * list shows it ({@link jp.kakekin.batch.RunCatalog.Listing}: kind, issue, year, state, counts, who started it).
     */
    @ApiResponse(responseCode = "200", description = "a print run: status, steps, counts and live progress; "
            + "another kind: its entry of the runs list")
    @ApiResponse(responseCode = "404", description = "no such run")
    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Object status(@PathVariable @Positive long id) {
        var print = runs.status(id);
        if (print.isPresent()) {
            return RunView.of(print.get());
        }
        return catalogs.stream().filter(c -> c.owns(id)).findFirst()
                .flatMap(c -> c.list().stream().filter(r -> r.runId() == id).findFirst())
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "No such run", "there is no run " + id));
    }
}
