package jp.kakekin.app;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration value that a {@code @Validated} properties class refuses (or its record constructor):
 * {@code kakekin.print.workers = 0: must be greater than 0 (from application.yml 12:5)}, in one line.
 */
public class PropertyFailureAnalyzer implements FailureAnalyzer, Ordered {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        BindValidationException validation = find(failure, BindValidationException.class);
        if (validation != null) {
            List<String> problems = new ArrayList<>();
            String prefix = validation.getValidationErrors().getName().toString();
            for (ObjectError error : validation.getValidationErrors()) {
                String where = origin(Origin.from(error));
                if (error instanceof FieldError field) {
                    problems.add(prefix + "." + field.getField() + " = " + field.getRejectedValue() + ": "
                            + field.getDefaultMessage() + where);
                } else {
                    problems.add(prefix + ": " + error.getDefaultMessage() + where);
                }
            }
            return new FailureAnalysis("invalid configuration: " + String.join("; ", problems), "", failure);
        }
        BindException bind = find(failure, BindException.class);
        if (bind != null) {
            Throwable reason = bind.getCause() != null ? bind.getCause() : bind;
            while (reason.getCause() != null && reason.getCause() != reason) {
                reason = reason.getCause();
            }
            String property = bind.getProperty() != null
                    ? bind.getProperty().getName() + " = " + bind.getProperty().getValue() + origin(bind.getProperty().getOrigin())
                    : bind.getName().toString();
            return new FailureAnalysis("invalid configuration: " + property + ": "
                    + StartFailures.firstLine(reason.getMessage()), "", failure);
        }
        return null;
    }

    private static String origin(Origin origin) {
        return origin == null ? "" : " (from " + origin + ")";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
