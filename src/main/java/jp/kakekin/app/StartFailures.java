package jp.kakekin.app;

import org.springframework.core.env.Environment;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Start-up and command failures in one line, as an operator needs them: what failed and what to set,
 * no stack trace. A database that cannot be reached names the KAKEKIN_DB_* variables.
 */
public final class StartFailures {

    /** SQL states of "cannot connect / log in / no such database" (H2: URL format, database not found). */
    private static final Set<String> CONNECTION_STATES = Set.of("90046", "90146", "90013", "90020");

    private static volatile Throwable reported;

    private StartFailures() {
    }

    /** The SQL exception saying that the database cannot be reached or refuses the login, if that is the cause. */
    public static Optional<SQLException> connectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")
                        || CONNECTION_STATES.contains(state) || message.contains("No suitable driver")) {
                    return Optional.of(sql);
                }
            }
        }
        return Optional.empty();
    }

    /** "cannot connect to the database jdbc:… as user: reason; set KAKEKIN_DB_URL, …". */
    public static String database(SQLException e, Environment env) {
        String url = env == null ? null : env.getProperty("spring.datasource.url");
        String user = env == null ? null : env.getProperty("spring.datasource.username");
        return "cannot connect to the database" + (url == null ? "" : " " + url) + (user == null ? "" : " as " + user)
                + ": " + firstLine(e.getMessage())
                + " (set KAKEKIN_DB_URL, KAKEKIN_DB_USER and KAKEKIN_DB_PASSWORD with --spring.profiles.active=postgres, "
                + "or spring.datasource.url/username/password)";
    }

    /** One line for any failure: the database's, or the innermost cause's message. */
    public static String oneLine(Throwable e, Environment env) {
        Optional<SQLException> db = connectionFailure(e);
        if (db.isPresent()) {
            return database(db.get(), env);
        }
        Throwable root = e;
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? firstLine(message) : root.getClass().getSimpleName();
    }

    static void reported(Throwable cause) {
        reported = cause;
    }

    /** After SpringApplication.run failed: one line, unless the failure analysis already said it in one. */
    public static void printUnlessReported(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == reported) {
                return;
            }
        }
        System.err.println("kakekin: cannot start: " + oneLine(e, null));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }
}
