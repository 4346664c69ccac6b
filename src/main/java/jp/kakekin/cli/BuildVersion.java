package jp.kakekin.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code --version}: from META-INF/build-info.properties (spring-boot-maven-plugin's build-info goal) and
 * git.properties (git-commit-id plugin), read without starting Spring.
 */
public class BuildVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = load("META-INF/build-info.properties");
        Properties git = load("git.properties");
        List<String> lines = new ArrayList<>();
        lines.add("kakekin " + build.getProperty("build.version", "(version unknown: built without build-info)"));
        if (build.getProperty("build.time") != null) {
            lines.add("built " + build.getProperty("build.time"));
        }
        if (git.getProperty("git.commit.id.abbrev") != null) {
            lines.add("commit " + git.getProperty("git.commit.id.abbrev")
                    + ("true".equals(git.getProperty("git.dirty")) ? " (modified)" : ""));
        }
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")");
        return lines.toArray(String[]::new);
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version information is not a reason to fail --version
        }
        return p;
    }
}
