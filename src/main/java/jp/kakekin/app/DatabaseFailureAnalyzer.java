package jp.kakekin.app;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** A database that cannot be reached or refuses the login: which URL and user, and the KAKEKIN_DB_* to set. */
public class DatabaseFailureAnalyzer implements FailureAnalyzer, Ordered {

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        return StartFailures.connectionFailure(failure)
                .map(sql -> new FailureAnalysis(StartFailures.database(sql, environment), "", failure))
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
