package jp.kakekin.app;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a failure analysis (a bad property, a database that refuses the login, a port in use) as one
 * line on standard error instead of Boot's framed report; application.yml silences the framed one.
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        String description = collapse(analysis.getDescription());
        String action = collapse(analysis.getAction());
        System.err.println("kakekin: cannot start: " + description
                + (action.isEmpty() || description.contains(action) ? "" : " — " + action));
        System.err.flush();
        StartFailures.reported(analysis.getCause());
    }

    private static String collapse(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ").replaceAll(":\\s+(?=[A-Z])", ": ");
    }
}
