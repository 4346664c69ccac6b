package jp.kakekin.render;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.ExpressionContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.SPELVariableExpressionEvaluator;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.standard.expression.StandardExpressions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions a fill trace evaluates without SpEL ({@link FillTrace.Condition}) give what Thymeleaf's SpEL
 * evaluator gives — for the conditions of the project's layouts and variants of them, over values null, empty,
 * blank, set, not a string, and objects whose property on the way is null — and every other expression of the
 * layouts (a method call, a utility other than {@code #strings.isEmpty}, a comparison with something else than
 * null, a combination) is left to SpEL.
 */
class FillTraceConditionTest {

    public record Issuer(String postalCode) {
    }

    public record Cert(Issuer issuer, String addressLine2) {
    }

    private static final SpringTemplateEngine ENGINE = new SpringTemplateEngine();

    /** What Thymeleaf's evaluator gives, as a replay asks it; an exception as such. */
    private static Object spel(String expression, String name, Object value) {
        try {
            ExpressionContext ctx = new ExpressionContext(ENGINE.getConfiguration(), Locale.JAPAN);
            ctx.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContextWrapper(new org.springframework.expression.spel.support.StandardEvaluationContext()));
            ctx.setVariable(name, value);
            IStandardVariableExpression e = (IStandardVariableExpression) StandardExpressions.getExpressionParser(ENGINE.getConfiguration())
                    .parseExpression(ctx, "${" + expression + "}");
            return SPELVariableExpressionEvaluator.INSTANCE.evaluate(ctx, e, StandardExpressionExecutionContext.NORMAL);
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static final List<Object> VALUES = Arrays.asList(null, "", "  ", "\u3000", "105-8453", 0, 42, Boolean.FALSE,
            List.of(), new Issuer(null), new Issuer(""), new Issuer(" "), new Issuer("105-8453"),
            new Cert(null, null), new Cert(new Issuer(null), ""), new Cert(new Issuer("1"), "霞が関ビル3階"));

    /** The layouts' conditions of one variable that the trace takes directly. */
    private static Set<String> layoutConditions() throws IOException {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("th:(?:if|unless)=\"\\$\\{([^}]*)}\"").matcher("");
        try (var files = Files.list(Path.of("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                m.reset(Files.readString(f));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void conditionsGiveWhatSpelGives() throws IOException {
        List<String> expressions = new ArrayList<>(List.of("v != null", "v == null", "v!=null", " v == null ",
                "#strings.isEmpty(v)", "!#strings.isEmpty(v)", "! #strings.isEmpty( v )",
                "v.postalCode != null", "!#strings.isEmpty(v.postalCode)", "#strings.isEmpty(v.issuer.postalCode)",
                "v.issuer.postalCode == null", "!#strings.isEmpty(v.addressLine2)"));
        int direct = 0;
        for (String layoutCondition : layoutConditions()) {
            // The layouts' variable names become v: cert.issuer.postalCode → v.issuer.postalCode.
            Matcher var = Pattern.compile("^(!?#strings\\.isEmpty\\()?([A-Za-z_]\\w*)").matcher(layoutCondition);
            if (var.find()) {
                expressions.add(layoutCondition.replaceFirst("(?<![.#\\w])" + Pattern.quote(var.group(2)) + "(?!\\w)", "v"));
            }
        }
        assertThat(expressions).contains("v != null", "!#strings.isEmpty(v)", "!#strings.isEmpty(v.issuer.postalCode)");
        for (String expression : expressions) {
            FillTrace.Direct made = null;
            for (Object traced : VALUES) {
                Object result = spel(expression, "v", traced);
                FillTrace.Direct d = FillTrace.Direct.of(expression, new String[]{"v"}, StandardExpressionExecutionContext.NORMAL, result, traced);
                if (d instanceof FillTrace.Condition) {
                    made = d;
                    break;
                }
            }
            if (!expression.contains("isEmpty") && !expression.contains("null")) {
                assertThat(made).as(expression).isNull();
                continue;
            }
            if (!expression.matches("[\\sa-zA-Z0-9.!=#()]*") || expression.contains("shows")) {
                continue;
            }
            assertThat(made).as(expression).isNotNull();
            direct++;
            for (Object value : VALUES) {
                Object expected = spel(expression, "v", value);
                Object actual = made.get(value);
                if (expected instanceof RuntimeException) {
                    // SpEL failed (a null on the way): the replay must not take a value either.
                    assertThat(actual).as(expression + " of " + value).isSameAs(FillTrace.PropertyPath.UNKNOWN);
                } else {
                    assertThat(actual).as(expression + " of " + value).isInstanceOf(Boolean.class).isEqualTo(expected);
                }
            }
        }
        assertThat(direct).isGreaterThanOrEqualTo(12);
    }

    @Test
    void everythingElseIsLeftToSpel() {
        for (String expression : List.of("v.shows('UNPAID')", "#numbers.sequence(0, 5)", "v != w", "v != 'a'", "v == 0",
                "v != null and v.postalCode != null", "#strings.isEmpty(v) or true", "#strings.length(v) > 5",
                "#strings.isEmpty(v.postalCode, 'x')", "#lists.isEmpty(v)", "!v", "v ?: null", "null != v",
                "#strings.isEmpty(w)", "w != null")) {
            for (Object value : VALUES) {
                Object result = spel(expression, "v", value);
                Object d = FillTrace.Condition.of(expression, new String[]{"v"}, StandardExpressionExecutionContext.NORMAL, result, value);
                assertThat(d).as(expression + " of " + value).isNull();
            }
        }
        // Not one variable, a value that is not a Boolean, a type-converting evaluation: SpEL too.
        assertThat(FillTrace.Condition.of("v != null", new String[]{"v", "w"}, StandardExpressionExecutionContext.NORMAL, true, "x")).isNull();
        assertThat(FillTrace.Condition.of("v != null", new String[]{"v"}, StandardExpressionExecutionContext.NORMAL, "true", "x")).isNull();
        assertThat(FillTrace.Condition.of("v != null", new String[]{"v"}, StandardExpressionExecutionContext.RESTRICTED_FORBID_UNSAFE_EXP_RESULTS
                .withTypeConversion(), true, "x")).isNull();
        // A traced value the direct way would not give: SpEL.
        assertThat(FillTrace.Condition.of("v != null", new String[]{"v"}, StandardExpressionExecutionContext.NORMAL, false, "x")).isNull();
    }
}
