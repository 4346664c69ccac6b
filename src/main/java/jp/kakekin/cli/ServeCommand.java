package jp.kakekin.cli;

import picocli.CommandLine.Command;

/**
 * {@code serve} (also what the jar does with no command): the web service. Main starts it; this class
 * is here so that {@code serve} is parsed, listed in {@code --help} and has a {@code serve --help}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the web service (the default when no command is given): the operator API under "
                + "/api/v1, the public reissue form, /actuator and /swagger-ui.html.",
                "Configure it with --key=value Spring options, e.g. --server.port=9090 "
                        + "--spring.profiles.active=postgres (docs/operations.md)."})
public class ServeCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("serve is started by jp.kakekin.Main, not run as a command");
    }
}
