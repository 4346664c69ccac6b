package jp.kakekin.edelivery;

import java.nio.file.Path;

/** Lets tests of other packages (the CLI) write the generated run's ledger file. */
public final class GeneratedRunAccess {

    private GeneratedRunAccess() {
    }

    public static Path november(Path dir) {
        return GeneratedRun.november(0).write(dir);
    }
}
