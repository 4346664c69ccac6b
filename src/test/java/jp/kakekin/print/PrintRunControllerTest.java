package jp.kakekin.print;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** POST /api/v1/runs starts a run in the service and answers at once; GET /api/v1/runs/{id} follows it. */
@SpringBootTest(properties = {"kakekin.print.workers=2", "kakekin.print.chunk-size=100"})
@AutoConfigureMockMvc
@WithMockUser(roles = "OPERATOR") // /api/** and the actuator are operator-only (docs/reissue.md)
class PrintRunControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    jp.kakekin.edelivery.EDeliveryRuns eDeliveryRuns;

    @Autowired
    jp.kakekin.issuance.JapanClock clock;

    @TempDir
    static Path dir;

    /** The only folders the API may read from and write to (kakekin.runs.*). */
    @DynamicPropertySource
    static void runFolders(DynamicPropertyRegistry registry) {
        registry.add("kakekin.runs.input-dirs", () -> dir.resolve("in").toString());
        registry.add("kakekin.runs.output-dir", () -> dir.resolve("out").toString());
        registry.add("kakekin.e-delivery.keystore.path", () -> dir.resolve("keys/dev.p12").toString());
    }

    @Test
    void startsARunAndReportsItsStatusCountsAndMetrics() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Path ledger = dir.resolve("in").resolve("ledger.jsonl");
        TestLedgers.write(ledger, 600, 11);
        String body = """
                {"year": 2026, "issue": "NOVEMBER", "input": "%s", "out": "%s", "batchSize": 100, "runDate": "2026-11-13"}
                """.formatted(ledger, dir.resolve("out").resolve("november"));

        String created = mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.outcome").value("STARTED"))
                .andReturn().getResponse().getContentAsString();
        long runId = JSON.readTree(created).get("runId").asLong();

        JsonNode run = null;
        for (int i = 0; i < 600; i++) {
            run = JSON.readTree(mvc.perform(get("/api/v1/runs/" + runId)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            if (run.get("endTime") != null && !run.get("endTime").isNull()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode counts = run.get("counts");
        assertThat(counts.get("records").asLong()).isEqualTo(600);
        assertThat(counts.get("calculated").asLong()).isEqualTo(600);
        assertThat(counts.get("issued").asLong() + counts.get("excluded").asLong()).isEqualTo(600);
        assertThat(counts.get("pages").asLong()).isEqualTo(counts.get("issued").asLong());
        assertThat(counts.get("reconciled").asBoolean()).isTrue();
        assertThat(run.get("parameters").get("runDate").asString()).isEqualTo("2026-11-13");
        // Registering is part of the print step (its partitions' transactions): no step of its own.
        assertThat(run.get("steps")).extracting(s -> s.get("name").asString())
                .containsExactly("prepare", "calculate", "sort", "print", "report", "cleanup");

        // The same parameters again: the run is complete, nothing is printed twice.
        mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("ALREADY_COMPLETE"))
                .andExpect(jsonPath("$.runId").value(runId));

        // Run metrics through Actuator.
        String metric = mvc.perform(get("/actuator/metrics/kakekin.print.certificates")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(JSON.readTree(metric).get("measurements").get(0).get("value").asDouble())
                .isGreaterThanOrEqualTo(counts.get("issued").asDouble());
        String names = mvc.perform(get("/actuator/metrics")).andReturn().getResponse().getContentAsString();
        assertThat(names).contains("\"kakekin.print.records\"", "\"kakekin.print.excluded\"", "\"spring.batch.job\"",
                "\"spring.batch.step\"", "\"spring.batch.chunk.write\"");
        // Not an observation per ledger line read and processed (application.yml, management.observations).
        assertThat(names).doesNotContain("spring.batch.item");
    }

    /** Issue #12 item 9: {@code input=/etc/passwd} used to be read, and its lines written to any {@code out}. */
    @Test
    void readsAndWritesOnlyUnderTheConfiguredFolders() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path ledger = in.resolve("few.jsonl");
        TestLedgers.write(ledger, 5, 3);
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.jsonl"), "{}\n");
        Files.createSymbolicLink(in.resolve("link.jsonl"), outside.resolve("secret.jsonl"));
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out").resolve("escape"), outside);
        String template = """
                {"year": 2026, "issue": "NOVEMBER", "input": "%s", "out": "%s", "runDate": "2026-11-13"}
                """;
        for (String[] bad : new String[][]{
                {"/etc/passwd", "x"},                                   // anywhere on the machine
                {"../elsewhere/secret.jsonl", "x"},                     // climbing out of the input folder
                {in + "/../elsewhere/secret.jsonl", "x"},
                {"link.jsonl", "x"},                                    // a link out of it
                {"few.jsonl", "/tmp/kakekin-run-" + System.nanoTime()}, // output anywhere
                {"few.jsonl", "../elsewhere"},                          // climbing out of the output folder
                {"few.jsonl", "escape/run"},                            // a link out of it
                {"few.jsonl", ""}}) {
            mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON)
                            .content(template.formatted(bad[0], bad[1])))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", "application/problem+json"))
                    .andExpect(jsonPath("$.detail").isNotEmpty());
        }
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.jsonl");
        }
        // Relative names resolve to the folders: accepted, and the run writes where it was told.
        String created = mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON)
                        .content(template.formatted("few.jsonl", "few-run")))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long runId = JSON.readTree(created).get("runId").asLong();
        for (int i = 0; i < 6000; i++) {
            JsonNode run = JSON.readTree(mvc.perform(get("/api/v1/runs/" + runId)).andReturn().getResponse().getContentAsString());
            if (run.get("endTime") != null && !run.get("endTime").isNull()) {
                assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
                break;
            }
            Thread.sleep(100);
        }
        assertThat(dir.resolve("out").resolve("few-run").resolve("summary.json")).exists();
    }

    @Test
    void rejectsAnIncompleteRequestAndAnUnknownRun() throws Exception {
        mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2026}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'issue')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'input')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'out')]").exists());
        mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2026, \"issue\": \"MAY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("issue"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NOVEMBER")));
        mvc.perform(post("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).content("{\"year\": 2026,"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed JSON"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("StreamReadFeature"))));
        mvc.perform(get("/api/v1/runs/987654")).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** GET /api/v1/runs/{id} answers for every kind of the runs list, not only print runs (here an e-私書箱 run). */
    @Test
    void answersForAnEDeliveryRunAsTheRunsListShowsIt() throws Exception {
        Path input = jp.kakekin.edelivery.GeneratedRunAccess.november(Files.createDirectories(dir.resolve("edelivery")));
        var params = new jp.kakekin.edelivery.EDeliveryRunParameters(2026, jp.kakekin.calc.DocumentKind.NOVEMBER_CERTIFICATE,
                input, dir.resolve("edelivery-out"), java.time.LocalDate.of(2026, 11, 12),
                java.time.LocalDate.of(2026, 11, 10), null, clock.today(), false); // sakuseiDay: the signing key covers today
        var launch = eDeliveryRuns.launch(params, false, "tester");
        for (int i = 0; i < 1200 && !(eDeliveryRuns.finished(launch.execution().getId())
                && !launch.execution().getStatus().isRunning()); i++) {
            Thread.sleep(100);
        }
        JsonNode run = JSON.readTree(mvc.perform(get("/api/v1/runs/" + launch.runId())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(run.get("kind").asString()).isEqualTo("e-delivery");
        assertThat(run.get("runId").asLong()).isEqualTo(launch.runId());
        assertThat(run.get("state").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("issue").asString()).isEqualTo("NOVEMBER");
        assertThat(run.get("runDate").asString()).isEqualTo("2026-11-12");
        assertThat(run.get("issued").asLong()).isEqualTo(11);
        assertThat(run.get("startedBy").asString()).isEqualTo("tester");
        // the same entry as the runs list's
        JsonNode listed = null;
        for (JsonNode r : JSON.readTree(mvc.perform(get("/api/v1/runs")).andReturn().getResponse().getContentAsString())) {
            if (r.get("runId").asLong() == launch.runId()) {
                listed = r;
            }
        }
        assertThat(listed).isEqualTo(run);
    }
}
