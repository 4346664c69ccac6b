package jp.kakekin.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says at start when no operator is configured (the postgres profile has none by default): the operator
 * API, Swagger UI and the actuator then refuse everyone, which is safe but must not be a surprise.
 */
@Component
@ConditionalOnWebApplication
class NoOperatorWarning implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log LOG = LogFactory.getLog(NoOperatorWarning.class);

    private final OperatorProperties operators;

    NoOperatorWarning(OperatorProperties operators) {
        this.operators = operators;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (operators.operators().isEmpty()) {
            LOG.warn(message());
        }
    }

    static String message() {
        return "no operator is configured (kakekin.operators): /api/**, /swagger-ui and /actuator refuse everyone; "
                + "set KAKEKIN_OPERATORS_0_NAME and KAKEKIN_OPERATORS_0_PASSWORD_HASH={bcrypt}$2a$… (docs/operations.md)";
    }
}
