package jp.kakekin.render;

import org.junit.jupiter.api.Test;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast property paths of a fill trace read what SpEL reads — {@code getX()}, {@code isX()} (boolean), the
 * record-style {@code x()}, in that order — and give UNKNOWN (the document is then filled by Thymeleaf) for a
 * null on the way, a missing property or an accessor that throws; a step that meets another class resolves
 * that class's accessor.
 */
class FillTracePropertyPathTest {

    public record Inner(String name, boolean flag) {
        public String getName() {
            return "getter:" + name;
        }
    }

    public record Outer(Inner inner, Object other) {
        public boolean isReady() {
            return true;
        }

        public Integer isCount() {
            return 7; // not a boolean: SpEL does not read "count" through it
        }

        public Integer count() {
            return 3;
        }

        public String getBroken() {
            throw new IllegalStateException("broken");
        }
    }

    public static final class Other {
        public String getName() {
            return "other";
        }
    }

    private static FillTrace.PropertyPath path(String expression, Object root) {
        FillTrace.PropertyPath p = FillTrace.PropertyPath.of(expression, new String[]{"o"},
                StandardExpressionExecutionContext.NORMAL, read(root, expression), root);
        assertThat(p).as(expression).isNotNull();
        return p;
    }

    /** What the path reads, by plain calls (the expected value). */
    private static Object read(Object root, String expression) {
        Outer o = (Outer) root;
        return switch (expression) {
            case "o.inner.name" -> o.inner().getName();
            case "o.inner.flag" -> o.inner().flag();
            case "o.ready" -> true;
            case "o.count" -> 3;
            case "o.other.name" -> o.other() instanceof Inner i ? i.getName() : ((Other) o.other()).getName();
            default -> throw new IllegalArgumentException(expression);
        };
    }

    public record Letter(String issuer, Inner isolated) {
    }

    /** A record accessor whose name starts with "is" is an accessor like any other (only isX() must give a boolean). */
    @Test
    void readsARecordAccessorNamedIsSomething() {
        Letter letter = new Letter("機構", new Inner("b", false));
        FillTrace.PropertyPath issuer = FillTrace.PropertyPath.of("o.issuer", new String[]{"o"},
                StandardExpressionExecutionContext.NORMAL, "機構", letter);
        assertThat(issuer).isNotNull();
        assertThat(issuer.get(new Letter("基盤整備機構", null))).isEqualTo("基盤整備機構");
        FillTrace.PropertyPath isolated = FillTrace.PropertyPath.of("o.isolated.flag", new String[]{"o"},
                StandardExpressionExecutionContext.NORMAL, false, letter);
        assertThat(isolated).isNotNull();
        assertThat(isolated.get(new Letter(null, new Inner("c", true)))).isEqualTo(true);
    }

    @Test
    void readsGettersThenBooleanIsThenRecordAccessors() {
        Outer o = new Outer(new Inner("a", true), new Other());
        assertThat(path("o.inner.name", o).get(o)).isEqualTo("getter:a");
        assertThat(path("o.inner.flag", o).get(o)).isEqualTo(true);
        assertThat(path("o.ready", o).get(o)).isEqualTo(true);
        assertThat(path("o.count", o).get(o)).isEqualTo(3);
    }

    @Test
    void givesUnknownForANullOnTheWayAMissingPropertyOrAThrowingAccessor() {
        Outer o = new Outer(new Inner("a", true), new Other());
        FillTrace.PropertyPath name = path("o.inner.name", o);
        assertThat(name.get(new Outer(null, null))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
        FillTrace.PropertyPath other = path("o.other.name", o);
        assertThat(other.get(new Outer(null, "no name property"))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
        assertThat(FillTrace.PropertyPath.handle(Outer.class, "missing")).isNull();
        assertThat(FillTrace.PropertyPath.of("o.broken", new String[]{"o"}, StandardExpressionExecutionContext.NORMAL,
                "anything", o)).isNull();
    }

    @Test
    void aStepMeetingAnotherClassReadsThatClassesAccessor() {
        Outer withOther = new Outer(new Inner("a", true), new Other());
        FillTrace.PropertyPath p = path("o.other.name", withOther);
        assertThat(p.get(withOther)).isEqualTo("other");
        assertThat(p.get(new Outer(null, new Inner("b", false)))).isEqualTo("getter:b");
        assertThat(p.get(withOther)).isEqualTo("other");
    }

    @Test
    void aBareVariableIsItsValue() {
        Outer o = new Outer(null, null);
        FillTrace.PropertyPath p = FillTrace.PropertyPath.of("o", new String[]{"o"}, StandardExpressionExecutionContext.NORMAL, o, o);
        assertThat(p).isNotNull();
        Outer other = new Outer(new Inner("b", true), null);
        assertThat(p.get(other)).isSameAs(other);
        assertThat(p.get(null)).isNull();
    }
}
