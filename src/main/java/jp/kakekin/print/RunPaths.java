package jp.kakekin.print;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kakekin.runs.*}: where {@code POST /api/v1/runs} may read ledgers and write runs (docs/print-run.md,
 * docs/security.md). A request names a file under one of {@code inputDirs} and a folder under
 * {@code outputDir}, relative (to the first input folder, to the output folder) or absolute; {@code ..} is
 * refused outright, and the real path (symbolic links followed) must stay inside, so neither a link nor
 * a climb reaches {@code /etc/passwd}. The CLI is not concerned: whoever runs it has the machine's rights.
 *
 * @param inputDirs folders the service may read ledgers from (default {@code ./in})
 * @param outputDir folder under which the service may write runs (default {@code ./out}; created if missing)
 */
@ConfigurationProperties("kakekin.runs")
public record RunPaths(List<Path> inputDirs, Path outputDir) {

    public RunPaths {
        inputDirs = inputDirs == null || inputDirs.isEmpty() ? List.of(Path.of("in")) : List.copyOf(inputDirs);
        outputDir = outputDir == null ? Path.of("out") : outputDir;
    }

    /** The ledger file a request names, as a real path inside an input folder. */
    public Path input(String requested) {
        Path path = parse("input", requested);
        Path candidate = path.isAbsolute() ? path : inputDirs.getFirst().resolve(path);
        if (!Files.isRegularFile(candidate)) {
            throw new IllegalArgumentException("input: no such ledger file " + requested
                    + " under the input folders " + inputDirs + " (kakekin.runs.input-dirs)");
        }
        Path real = real(candidate);
        for (Path dir : inputDirs) {
            if (Files.isDirectory(dir) && real.startsWith(real(dir))) {
                return real;
            }
        }
        throw new IllegalArgumentException("input: " + requested + " is not under the input folders " + inputDirs
                + " (kakekin.runs.input-dirs)");
    }

    /** The run folder a request names, inside the output folder (the folder itself need not exist yet). */
    public Path output(String requested) {
        Path path = parse("out", requested);
        Path base;
        try {
            base = real(Files.createDirectories(outputDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + outputDir, e);
        }
        Path candidate = (path.isAbsolute() ? path : outputDir.resolve(path)).toAbsolutePath().normalize();
        // The nearest part that exists, with its links followed, must be inside; what is below it is new.
        Path existing = candidate;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        Path real = existing == null ? candidate : real(existing).resolve(existing.relativize(candidate));
        if (!real.startsWith(base) || real.equals(base)) {
            throw new IllegalArgumentException("out: " + requested + " is not a folder under the output folder "
                    + outputDir + " (kakekin.runs.output-dir)");
        }
        if (Files.exists(real) && !Files.isDirectory(real)) {
            throw new IllegalArgumentException("out: " + requested + " is a file, not a folder");
        }
        return real;
    }

    private static Path parse(String field, String requested) {
        if (requested == null || requested.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(field + ": not a path: " + e.getReason());
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException(field + ": " + requested + " climbs out with '..'");
            }
        }
        return path;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve " + path + ": " + e.getMessage());
        }
    }
}
