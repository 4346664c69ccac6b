package jp.kakekin.app;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code kakekin.home}: the installation, where the default {@code fonts/} and {@code templates/} are —
 * the folder of the jar, or the repository the jar (or {@code target/classes}) was built in — so that a
 * command run from any folder finds them, while its own file arguments resolve against the folder it
 * was run from. Set {@code KAKEKIN_HOME} (or {@code --kakekin.home=…}) to choose another.
 */
public class Installation implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "kakekin.home";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("kakekinInstallation",
                Map.of(PROPERTY, home(new ApplicationHome(Installation.class).getDir()).toString())));
    }

    /** The nearest of the folder and its two parents that has templates/ and fonts/, else the working directory. */
    static Path home(File start) {
        Path p = start == null ? null : start.toPath().toAbsolutePath().normalize();
        for (int up = 0; p != null && up < 3; up++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("templates")) && Files.isDirectory(p.resolve("fonts"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
