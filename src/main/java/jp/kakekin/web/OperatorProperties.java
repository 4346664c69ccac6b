package jp.kakekin.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code kakekin.operators[*]}: who may call the operator API, with bcrypt password hashes only
 * ({@code {bcrypt}$2a$...}); {@code kakekin.operator-auth-cache} is how long a verified login is
 * remembered (docs/reissue.md).
 */
@ConfigurationProperties("kakekin")
public record OperatorProperties(List<Operator> operators, Duration operatorAuthCache) {

    public OperatorProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
        operatorAuthCache = operatorAuthCache == null ? Duration.ofMinutes(5) : operatorAuthCache;
        for (Operator o : operators) {
            if (o.name() == null || o.name().isBlank()) {
                throw new IllegalArgumentException("kakekin.operators: every operator needs a name");
            }
            if (o.passwordHash() == null || !o.passwordHash().startsWith("{bcrypt}$2")) {
                throw new IllegalArgumentException("kakekin.operators: the password of " + o.name()
                        + " must be a bcrypt hash written {bcrypt}$2a$..., never the password itself");
            }
        }
    }

    public record Operator(String name, String passwordHash) {
    }
}
