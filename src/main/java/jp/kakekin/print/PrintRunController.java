package jp.kakekin.print;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/runs} starts (or resumes) a print run in the service's process and answers at
 * once; {@code GET /api/v1/runs/{id}} reports its status and counts.
 */
@RestController
@RequestMapping("/api/v1/runs")
public class PrintRunController {

    private final PrintRuns runs;
    private final RunPaths paths;

    public PrintRunController(PrintRuns runs, RunPaths paths) {
        this.runs = runs;
        this.paths = paths;
    }

    /**
     * The request body: the CLI's options. Paths are paths on the service's machine, and only under the
     * configured folders ({@link RunPaths}, {@code kakekin.runs.*}).
     */
    public record RunRequest(Integer year, PrintIssue issue, String input, String out, Integer batchSize,
                             LocalDate addressCutoff, LocalDate runDate, Boolean recover) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> start(@RequestBody RunRequest request) throws Exception {
        PrintRunParameters params;
        try {
            if (request.year() == null || request.issue() == null || request.input() == null || request.out() == null) {
                throw new IllegalArgumentException("year, issue, input and out are required");
            }
            Path input = paths.input(request.input());
            Path out = paths.output(request.out());
            params = PrintRunParameters.of(request.year(), request.issue(), input, out, request.batchSize(),
                    request.addressCutoff(), request.runDate());
            if (request.runDate() == null) {
                LocalDate resume = runs.unfinishedRunDate(params).orElse(null);
                if (resume != null) {
                    params = PrintRunParameters.of(request.year(), request.issue(), input, out, request.batchSize(),
                            request.addressCutoff(), resume);
                }
            }
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid print run", e.getMessage(), null);
        }
        PrintRuns.Launch launch;
        try {
            launch = runs.launch(params, Boolean.TRUE.equals(request.recover()));
        } catch (RunInProgressException e) {
            return problem(HttpStatus.CONFLICT, "Print run in progress", e.getMessage(), e.runId());
        } catch (PrintRunException e) {
            return problem(HttpStatus.CONFLICT, "Print run cannot start", e.getMessage(), null);
        }
        URI location = URI.create("/api/v1/runs/" + launch.runId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", launch.runId());
        body.put("executionId", launch.execution().getId());
        body.put("outcome", launch.outcome().name());
        if (launch.note() != null) {
            body.put("note", launch.note());
        }
        body.put("status", location.toString());
        HttpStatus status = launch.outcome() == PrintRuns.Outcome.ALREADY_COMPLETE ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(location).body(body);
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> status(@PathVariable long id) {
        return runs.status(id).<ResponseEntity<?>>map(s -> ResponseEntity.ok(toJson(s)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No such print run", "there is no print run " + id, null));
    }

    private static Map<String, Object> toJson(RunStatus s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("runId", s.runId());
        o.put("executionId", s.executionId());
        o.put("executions", s.executions());
        o.put("status", s.status());
        o.put("exitCode", s.exitCode());
        if (s.exitDescription() != null) {
            o.put("exitDescription", s.exitDescription());
        }
        o.put("parameters", s.parameters());
        o.put("startTime", s.startTime());
        o.put("endTime", s.endTime());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("records", s.records());
        counts.put("calculated", s.calculated());
        counts.put("toPrint", s.toPrint());
        counts.put("batches", s.batches());
        counts.put("batchesPrinted", s.batchesPrinted());
        if (s.summary() != null) {
            RunSummary r = s.summary();
            counts.put("issued", r.issued());
            counts.put("excluded", r.excluded());
            counts.put("excludedByReason", r.excludedByReason());
            counts.put("manifestRows", r.manifestRows());
            counts.put("pages", r.pages());
            counts.put("batchFiles", r.batchFiles());
            counts.put("pdfBytes", r.pdfBytes());
            counts.put("reconciled", r.reconciled());
        }
        o.put("counts", counts);
        o.put("steps", s.steps());
        if (s.live() != null) {
            o.put("progress", s.live());
        }
        return o;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, Long runId) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        if (runId != null) {
            p.setProperty("runId", runId);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
