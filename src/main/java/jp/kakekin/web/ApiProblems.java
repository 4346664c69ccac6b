package jp.kakekin.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jp.kakekin.ledger.JsonSyntax;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error of the operator API ({@code /api/**}) as RFC 9457 problem details
 * ({@code application/problem+json}): the refusals controllers throw ({@link ApiProblem}), a parameter
 * that does not convert (an unknown {@code document=}), a body that is not JSON or not the expected
 * shape, Bean Validation of path variables, parameters and bodies (with an {@code errors} list of
 * {@code {field, message}}), unknown paths and methods, and unexpected failures (500, details only in
 * the log). Errors of the public pages go on to Spring Boot's error page as before.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems {

    private static final Log LOG = LogFactory.getLog(ApiProblems.class);

    private final MessageSource messages;

    ApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handle(Exception ex, HttpServletRequest request) throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            throw ex; // not the API: Spring's default handling and Boot's error page
        }
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem = switch (ex) {
            case MethodArgumentTypeMismatchException m -> badParameter(m);
            case HttpMessageNotReadableException r -> unreadable(r);
            case HandlerMethodValidationException v -> parameters(v);
            case MethodArgumentNotValidException v -> fields(v);
            case ConstraintViolationException v -> violations(v);
            case ErrorResponse e -> {
                headers.addAll(e.getHeaders());
                yield e.updateAndGetBody(messages, LocaleContextHolder.getLocale());
            }
            default -> {
                LOG.error("operator API " + request.getMethod() + " " + path + " failed", ex);
                yield problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                        "the request could not be completed; the reason is in the service's log");
            }
        };
        problem.setInstance(URI.create(path));
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    private static ProblemDetail badParameter(MethodArgumentTypeMismatchException m) {
        String value = String.valueOf(m.getValue());
        Class<?> type = m.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
                : type != null && Number.class.isAssignableFrom(wrap(type)) ? "a number"
                : type != null ? "a " + type.getSimpleName() : "another value";
        String message = "'%s' is not %s".formatted(value, expected);
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid parameter", m.getName() + ": " + message);
        p.setProperty("errors", List.of(error(m.getName(), message)));
        return p;
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == boolean.class || type == char.class || type == void.class ? Object.class : Number.class;
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException r) {
        Throwable cause = r.getCause();
        if (cause instanceof InvalidFormatException f && f.getTargetType() != null) {
            String field = field(f);
            Class<?> type = f.getTargetType();
            String expected = type.isEnum()
                    ? "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "))
                    : "a " + type.getSimpleName();
            String message = "'%s' is not %s".formatted(f.getValue(), expected);
            ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request body", field + ": " + message);
            p.setProperty("errors", List.of(error(field, message)));
            return p;
        }
        if (cause instanceof MismatchedInputException mi && !mi.getPath().isEmpty()) {
            String field = field(mi);
            String message = "has the wrong type" + (mi.getTargetType() != null ? " (expected "
                    + mi.getTargetType().getSimpleName() + ")" : "");
            ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request body", field + ": " + message);
            p.setProperty("errors", List.of(error(field, message)));
            return p;
        }
        if (cause instanceof JacksonException j) {
            String where = j.getLocation() != null && j.getLocation().getLineNr() > 0
                    ? " at line %d, column %d".formatted(j.getLocation().getLineNr(), j.getLocation().getColumnNr()) : "";
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "the request body is not valid JSON" + where + ": " + JsonSyntax.describe(j));
        }
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                cause == null ? "the request body is missing or cannot be read" : "the request body cannot be read");
    }

    private static String field(JacksonException e) {
        StringBuilder b = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "(body)" : b.toString();
    }

    private static ProblemDetail parameters(HandlerMethodValidationException v) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : v.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (var error : result.getResolvableErrors()) {
                String field = error instanceof FieldError f ? name + "." + f.getField() : name;
                errors.add(error(field, error.getDefaultMessage()));
            }
        }
        return invalid(errors);
    }

    private static ProblemDetail fields(MethodArgumentNotValidException v) {
        List<FieldProblem> errors = new ArrayList<>();
        v.getBindingResult().getFieldErrors().forEach(f -> errors.add(error(f.getField(), f.getDefaultMessage())));
        v.getBindingResult().getGlobalErrors().forEach(g -> errors.add(error("(body)", g.getDefaultMessage())));
        return invalid(errors);
    }

    private static ProblemDetail violations(ConstraintViolationException v) {
        List<FieldProblem> errors = new ArrayList<>();
        v.getConstraintViolations().forEach(c -> {
            String path = c.getPropertyPath().toString();
            // "method.arg" → "arg": the operator knows the parameter, not the Java method
            errors.add(error(path.contains(".") ? path.substring(path.indexOf('.') + 1) : path, c.getMessage()));
        });
        return invalid(errors);
    }

    private static ProblemDetail invalid(List<FieldProblem> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        p.setProperty("errors", errors);
        return p;
    }

    /** One member of a problem's {@code errors}: which field or parameter, and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    private static FieldProblem error(String field, String message) {
        return new FieldProblem(field, message);
    }
}
