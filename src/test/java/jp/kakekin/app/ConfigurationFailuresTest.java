package jp.kakekin.app;

import jp.kakekin.KakekinApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.File;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A bad configuration value stops the start with one line naming the property and the reason. */
class ConfigurationFailuresTest {

    /** Starts the application with these command-line arguments; returns why it failed. */
    private static Throwable start(String... args) {
        return catchThrowable(() -> new SpringApplicationBuilder(KakekinApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=jdbc:h2:mem:config-failures;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
                .run(args).close());
    }

    @Test
    void workersBelowOneFailTheStartInOneLine() {
        Throwable failure = start("--kakekin.print.workers=0");
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new PropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n")
                .contains("kakekin.print.workers = 0: must be greater than 0");
    }

    @Test
    void aBaseUrlThatIsNotOneFailsTheStart() {
        FailureAnalysis analysis = new PropertyFailureAnalyzer().analyze(start("--kakekin.qr.base-url=localhost:8080"));
        assertThat(analysis.getDescription()).contains("kakekin.qr.baseUrl = localhost:8080").doesNotContain("\n");
    }

    @Test
    void theInstallationIsWhereFontsAndTemplatesAre() {
        Path repository = Path.of("").toAbsolutePath();
        assertThat(Installation.home(new File("target/classes"))).isEqualTo(repository);
        assertThat(Installation.home(new File("target"))).isEqualTo(repository);
        assertThat(Installation.home(new File("/"))).isEqualTo(repository); // nothing there: the working directory
    }
}
