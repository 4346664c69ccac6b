package jp.kakekin.cli;

import jp.kakekin.JdkCheck;
import jp.kakekin.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar follows Spring Boot's conventions (issue #15): help, version and usage errors without starting
 * Spring, dotted options to Spring for every command, paths relative to the caller's folder, one line
 * for a JDK that is too old or a database that refuses the login.
 */
class LauncherTest {

    private static final String SPRING_CONTEXT = "org.springframework.context.support.AbstractApplicationContext";

    @TempDir
    Path dir;

    record Run(int status, String out) {
    }

    /** The project's Main in a child JVM whose working directory is {@code cwd}. */
    private Run java(Path cwd, List<String> jvm, String... args) throws Exception {
        return java(ProcessHandle.current().info().command().orElseThrow(), System.getProperty("java.class.path"),
                "jp.kakekin.Main", cwd, jvm, args);
    }

    private Run java(String java, String classpath, String main, Path cwd, List<String> jvm, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", classpath, main));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "child", ".log");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("child JVM finished").isTrue();
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void helpVersionAndUsageErrorsAnswerWithoutStartingSpringOrCreatingData() throws Exception {
        Path cwd = Files.createDirectory(dir.resolve("elsewhere"));
        List<String> verbose = List.of("-verbose:class");

        Run help = java(cwd, verbose, "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Commands:").containsPattern("(?m)^\\s+serve\\s").contains("print-run")
                .doesNotContain(SPRING_CONTEXT);

        Run version = java(cwd, verbose, "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).containsPattern("(?m)^kakekin \\d+\\.\\d+\\.\\d+").doesNotContain(SPRING_CONTEXT);

        Run commandHelp = java(cwd, verbose, "print-run", "--help", "--spring.profiles.active=postgres");
        assertThat(commandHelp.status()).isZero();
        assertThat(commandHelp.out()).contains("--from-store").doesNotContain(SPRING_CONTEXT);

        // print-run with neither --input nor --from-store: exit 2 before anything starts (no FAILED run).
        Run missing = java(cwd, verbose, "print-run", "--year", "2026", "--issue", "NOVEMBER", "--out", "out");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.out()).contains("Missing required argument").contains("--input").contains("--from-store")
                .doesNotContain(SPRING_CONTEXT);

        Run unknown = java(cwd, verbose, "calculate", "--no-such-option");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).doesNotContain(SPRING_CONTEXT);

        try (var files = Files.list(cwd)) {
            assertThat(files).as("nothing created in the working directory (no ./data, no ./out)").isEmpty();
        }
    }

    @Test
    void everyCommandAnswersHelpWithoutSpring() {
        // Commands are built with null collaborators for parsing: a constructor that used one would fail here.
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Class<?> command : KakekinCommand.COMMANDS) {
                String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
                assertThat(Main.runCommand(name, "--help")).as(name).isZero();
                assertThat(captured.toString(StandardCharsets.UTF_8)).as(name).contains("Usage: kakekin " + name);
            }
        } finally {
            System.setOut(out);
        }
    }

    @Test
    void dottedOptionsAreSpringConfigurationForEveryCommand() {
        assertThat(List.of("--server.port=9090", "--logging.level.root=warn", "--management.endpoints.web.exposure.include=*",
                "--spring.profiles.active=postgres", "--kakekin.print.workers=4", "--debug.flag", "--debug", "--trace"))
                .allMatch(Main::isSpringArgument);
        assertThat(List.of("--output=x.jsonl", "--output", "x.jsonl", "--year", "-V", "--batch-size=500", "--.x", "--x."))
                .noneMatch(Main::isSpringArgument);
    }

    @Test
    void aRelativeOutputLandsInTheCallersDirectory() throws Exception {
        Path cwd = Files.createDirectory(dir.resolve("caller"));
        Run run = java(cwd, List.of(), "generate-ledger", "--count", "3", "--year", "2026", "--output", "rel.jsonl",
                "--spring.datasource.url=jdbc:h2:mem:launcher", "--logging.structured.format.console=ecs",
                "--logging.threshold.console=info");
        assertThat(run.status()).as(run.out()).isZero();
        assertThat(cwd.resolve("rel.jsonl")).exists();
        assertThat(Files.readAllLines(cwd.resolve("rel.jsonl"))).hasSize(3);
        // Only the invoked command is built with its collaborators: generate-ledger opens no database
        // (the pool and Flyway log at info when they start).
        assertThat(run.out()).doesNotContain("HikariPool").doesNotContain("flyway");

        // a relative --input too, and structured logs as an option: every log line a JSON object (ECS)
        Run imported = java(cwd, List.of(), "import", "--input", "rel.jsonl",
                "--spring.datasource.url=jdbc:h2:mem:launcher", "--logging.structured.format.console=ecs",
                "--logging.threshold.console=info");
        assertThat(imported.status()).as(imported.out()).isZero();
        assertThat(imported.out().lines().filter(l -> l.startsWith("{"))).isNotEmpty()
                .allMatch(l -> l.contains("\"@timestamp\"") && l.contains("\"log\":{\"level\""));
    }

    @Test
    void serveTakesServerAndManagementOptionsFromTheCommandLine() throws Exception {
        Path cwd = Files.createDirectory(dir.resolve("service"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = cwd.resolve("serve.log");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "jp.kakekin.Main", "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:mem:serve", "--management.endpoint.health.probes.enabled=true",
                "--logging.level.root=warn");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest liveness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/liveness")).timeout(Duration.ofSeconds(10)).build();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            HttpResponse<String> response = null;
            while (response == null) {
                assertThat(p.isAlive()).as(() -> read(log)).isTrue();
                assertThat(System.nanoTime()).as("service did not answer in time").isLessThan(deadline);
                try {
                    response = http.send(liveness, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 503) {
                        // Tomcat answers before the context has started: liveness is not CORRECT yet
                        // (seen on a loaded machine). A missing probe group is a 404 and fails below.
                        response = null;
                        Thread.sleep(250);
                    }
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            // the probe group exists only because --management.endpoint.health.probes.enabled reached Spring
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("UP");
        } finally {
            p.destroy();
            p.waitFor(1, TimeUnit.MINUTES);
            p.destroyForcibly();
        }
    }

    @Test
    void aDatabaseThatRefusesTheLoginIsOneLineNamingTheVariables() throws Exception {
        Path ledger = Files.writeString(dir.resolve("l.jsonl"), "{}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            status = Main.runCommand("import", "--input", ledger.toString(),
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                    "--spring.datasource.username=kakekin_launcher_no_such_role", "--spring.datasource.password=x");
        } finally {
            System.setErr(err);
        }
        String said = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(1);
        assertThat(said).contains("cannot connect to the database jdbc:postgresql://127.0.0.1:5432/test")
                .contains("KAKEKIN_DB_URL").contains("KAKEKIN_DB_USER").contains("KAKEKIN_DB_PASSWORD")
                .doesNotContain("\tat ").doesNotContain("Caused by");
    }

    @Test
    void anOldJdkIsToldWhichJdkIsNeeded() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        assumeTrue(Files.isExecutable(java17), "no JDK 17 on this machine");
        String classes = Path.of(JdkCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Run old = java(java17.toString(), classes, "jp.kakekin.JdkCheck", dir, List.of(), "--help");
        assertThat(old.status()).isEqualTo(1);
        assertThat(old.out().strip()).doesNotContain("\n").contains("kakekin needs a JDK 21 or newer")
                .contains("this is Java 17");
    }

    @Test
    void onACurrentJdkTheCheckHandsOverToMain() throws Exception {
        Run run = java(ProcessHandle.current().info().command().orElseThrow(), System.getProperty("java.class.path"),
                "jp.kakekin.JdkCheck", dir, List.of(), "--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("kakekin ");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
