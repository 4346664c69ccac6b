package jp.kakekin;

import jp.kakekin.cli.KakekinCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

import java.util.Arrays;

/**
 * Entry point of the jar. {@code serve} (or no argument) starts the web service; any other first
 * argument is a command run once in a non-web Spring context (so configuration is the same in both).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("serve")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            SpringApplication.run(KakekinApplication.class, rest);
            return;
        }
        System.exit(runCommand(args));
    }

    /** Runs one command and returns its exit status; used by main and by the CLI tests. */
    public static int runCommand(String... args) {
        SpringApplication app = new SpringApplication(KakekinApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLazyInitialization(true);
        app.setLogStartupInfo(false);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        // Spring-style --key=value options are configuration; everything else belongs to the command.
        String[] springArgs = Arrays.stream(args).filter(a -> a.startsWith("--kakekin.") || a.startsWith("--spring."))
                .toArray(String[]::new);
        String[] commandArgs = Arrays.stream(args).filter(a -> !(a.startsWith("--kakekin.") || a.startsWith("--spring.")))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext ctx = app.run(springArgs)) {
            CommandLine cli = new CommandLine(new KakekinCommand(), new SpringCommandFactory(ctx));
            return cli.execute(commandArgs);
        }
    }

    private record SpringCommandFactory(ConfigurableApplicationContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls.getPackageName().startsWith("jp.kakekin")) {
                return ctx.getAutowireCapableBeanFactory().createBean(cls);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
