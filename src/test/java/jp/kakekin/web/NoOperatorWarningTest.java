package jp.kakekin.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The postgres profile has no operator: the service says so when it is ready, and says nothing otherwise. */
@ExtendWith(OutputCaptureExtension.class)
class NoOperatorWarningTest {

    @Test
    void saysSoWhenNoOperatorIsConfigured(CapturedOutput output) {
        new NoOperatorWarning(new OperatorProperties(List.of(), Duration.ZERO)).onApplicationEvent(null);
        assertThat(output).contains("no operator is configured").contains("KAKEKIN_OPERATORS_0_NAME");
    }

    @Test
    void saysNothingWithAnOperator(CapturedOutput output) {
        new NoOperatorWarning(new OperatorProperties(List.of(new OperatorProperties.Operator("op",
                "{bcrypt}$2a$10$C2MUweqkyNT1JUTmgOQuZuAufxKUe98zaMroTq5V/czo4mLwvxtme")), Duration.ZERO))
                .onApplicationEvent(null);
        assertThat(output).doesNotContain("no operator is configured");
    }
}
