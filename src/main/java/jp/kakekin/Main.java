package jp.kakekin;

import jp.kakekin.app.StartFailures;
import jp.kakekin.cli.KakekinCommand;
import jp.kakekin.cli.ServeCommand;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Entry point of the jar (after {@link JdkCheck}), following Spring Boot's conventions:
 * <ul>
 * <li>no command, or {@code serve}, starts the web service; any other command runs once in a non-web
 * Spring context, so configuration is the same in both;</li>
 * <li>every {@code --x.y=z} argument (a dotted key) is Spring configuration, whatever the command, like
 * {@code --server.port=9090}, {@code --logging.level.root=warn} or {@code --spring.profiles.active=postgres};
 * every other argument belongs to the command;</li>
 * <li>the command line is parsed before Spring starts: {@code --help}, {@code --version} and a wrong or
 * missing option are answered at once (exit 0, 0, 2) without a context, a database or a {@code ./data}
 * folder.</li>
 * </ul>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Invocation invocation = Invocation.of(args);
        int status = invocation.preflight();
        if (status >= 0) {
            System.exit(status);
        }
        if (invocation.serve()) {
            try {
                SpringApplication.run(KakekinApplication.class, invocation.springArgs());
            } catch (RuntimeException e) {
                StartFailures.printUnlessReported(e);
                System.exit(1);
            }
            return;
        }
        System.exit(invocation.execute());
    }

    /** Runs one command and returns its exit status; used by main and by the CLI tests. */
    public static int runCommand(String... args) {
        Invocation invocation = Invocation.of(args);
        int status = invocation.preflight();
        if (status >= 0) {
            return status;
        }
        if (invocation.serve()) {
            throw new IllegalArgumentException("runCommand runs commands, not the web service");
        }
        return invocation.execute();
    }

    /** Is this argument Spring configuration? {@code --key=value} (or {@code --key}) with a dotted key, {@code --debug}, {@code --trace}. */
    public static boolean isSpringArgument(String arg) {
        if (arg.equals("--debug") || arg.equals("--trace")) {
            return true; // Boot's own switches: the condition report, trace logging of the core loggers
        }
        if (!arg.startsWith("--") || arg.length() < 4) {
            return false;
        }
        int eq = arg.indexOf('=');
        String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        return key.indexOf('.') > 0 && !key.endsWith(".");
    }

    /** One command line, split into Spring's arguments and the command's. */
    record Invocation(String[] springArgs, String[] commandArgs, ParseResult[] parsed) {

        static Invocation of(String[] args) {
            List<String> spring = new ArrayList<>();
            List<String> command = new ArrayList<>();
            for (String a : args) {
                (isSpringArgument(a) ? spring : command).add(a);
            }
            return new Invocation(spring.toArray(String[]::new), command.toArray(String[]::new), new ParseResult[1]);
        }

        /**
         * Parses the command line without Spring (command objects get null collaborators: their
         * constructors only keep them). Returns the exit status when that answered it (help, version, a
         * usage error), else -1.
         */
        int preflight() {
            CommandLine cli = KakekinCommand.commandLine(WITHOUT_SPRING, commandArgs);
            try {
                parsed[0] = cli.parseArgs(commandArgs);
            } catch (CommandLine.ParameterException e) {
                try {
                    return cli.getParameterExceptionHandler().handleParseException(e, commandArgs);
                } catch (Exception unexpected) {
                    System.err.println("kakekin: " + e.getMessage());
                    return 2;
                }
            }
            Integer help = CommandLine.executeHelpRequest(parsed[0]);
            return help != null ? help : -1;
        }

        /** The classes of the invoked command and its parents ({@code kakekin}, {@code runs} for {@code runs void}). */
        Set<Class<?>> invokedCommands() {
            Set<Class<?>> chain = new HashSet<>();
            for (ParseResult p = parsed[0]; p != null; p = p.subcommand()) {
                chain.add(p.commandSpec().userObject().getClass());
            }
            return chain;
        }

        boolean serve() {
            ParseResult sub = parsed[0].subcommand();
            return sub == null || sub.commandSpec().userObject() instanceof ServeCommand;
        }

        /** Starts a non-web Spring context and runs the command in it. */
        int execute() {
            SpringApplication app = new SpringApplication(KakekinApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setLazyInitialization(true);
            app.setLogStartupInfo(false);
            app.setBannerMode(Banner.Mode.OFF);
            // A command's standard output may be its data (calculate, generate-ledger): the console log
            // says only warnings and errors unless --logging.threshold.console=info asks for more.
            app.setDefaultProperties(java.util.Map.of("logging.threshold.console", "warn"));
            ConfigurableApplicationContext ctx;
            try {
                ctx = app.run(springArgs);
            } catch (RuntimeException e) {
                StartFailures.printUnlessReported(e);
                return 1;
            }
            try (ctx) {
                CommandLine cli = KakekinCommand.commandLine(new SpringCommandFactory(ctx, invokedCommands()), commandArgs);
                cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // One line, not a stack trace: what failed and why (a database problem names KAKEKIN_DB_*).
                    PrintWriter err = commandLine.getErr();
                    err.println(commandLine.getCommandName() + ": " + StartFailures.oneLine(e, ctx.getEnvironment()));
                    err.flush();
                    return 1;
                });
                try {
                    cli.parseArgs(commandArgs); // creates the command's beans: a database that refuses us fails here
                } catch (RuntimeException e) {
                    String name = parsed[0].subcommand().commandSpec().name();
                    System.err.println(name + ": " + StartFailures.oneLine(e, ctx.getEnvironment()));
                    return 1;
                }
                return cli.execute(commandArgs);
            }
        }

        @Override
        public String toString() {
            return Arrays.toString(springArgs) + " " + Arrays.toString(commandArgs);
        }
    }

    /** Builds command objects for parsing only: every constructor argument is null (or 0, false). */
    private static final CommandLine.IFactory WITHOUT_SPRING = new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (!cls.getPackageName().startsWith("jp.kakekin")) {
                return CommandLine.defaultFactory().create(cls);
            }
            Constructor<?> c = Arrays.stream(cls.getDeclaredConstructors())
                    .min((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()))
                    .orElseThrow();
            c.setAccessible(true);
            Object[] none = Arrays.stream(c.getParameterTypes()).map(Main::zero).toArray();
            return cls.cast(c.newInstance(none));
        }
    };

    private static Object zero(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }

    /**
     * Builds the invoked command (and its parents) as Spring beans. picocli builds every subcommand of the
     * tree it is given to parse a command line ({@link KakekinCommand#commandLine} gives it only the named one,
     * but that one's own subcommands, e.g. {@code runs void}, are all built); the ones not invoked are never
     * executed, so they get null collaborators as in {@link #WITHOUT_SPRING}: making them beans would build every job, store and
     * renderer of the application on each run, lazy initialization or not (issue #15: generate-ledger
     * opened the database and ran its migrations; building only the invoked command cut a quarter of the
     * CPU of starting it).
     */
    private record SpringCommandFactory(ConfigurableApplicationContext ctx, Set<Class<?>> invoked)
            implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls.isAnnotationPresent(CommandLine.Command.class) && !invoked.contains(cls)) {
                return WITHOUT_SPRING.create(cls);
            }
            if (cls.getPackageName().startsWith("jp.kakekin")) {
                return ctx.getAutowireCapableBeanFactory().createBean(cls);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
