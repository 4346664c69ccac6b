package jp.kakekin.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal of the operator API as RFC 9457 problem details: controllers throw it, {@link ApiProblems}
 * writes it as {@code application/problem+json}. Extra members (the refusal's reason, a unique code,
 * a run id) go in with {@link #with}.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String title, String detail) {
        super(status, body(status, title, detail), null);
    }

    private static ProblemDetail body(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    /** Adds a member to the problem (null values are left out). */
    public ApiProblem with(String name, Object value) {
        if (value != null) {
            getBody().setProperty(name, value);
        }
        return this;
    }

    @Override
    public String getMessage() {
        return getStatusCode() + " " + getBody().getTitle() + ": " + getBody().getDetail();
    }
}
