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
        assertThat(FillTrace.PropertyPath.link(Outer.class, "missing")).isNull();
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

    public static final class Counter {
        private final int n;

        public Counter(int n) {
            this.n = n;
        }

        public int getN() {
            return n;
        }

        public long size() {
            return n * 10_000_000_000L;
        }

        public boolean isOdd() {
            return n % 2 != 0;
        }

        public char getInitial() {
            return (char) ('a' + n);
        }

        public String getLabel() {
            if (n < 0) {
                throw new IllegalArgumentException("negative");
            }
            return "n" + n;
        }

        public Counter getNext() {
            return n == 0 ? null : new Counter(n - 1);
        }

        public static String getKind() {
            return "counter";
        }
    }

    public static final class Wide {
        public int getN() {
            return -1;
        }
    }

    private static FillTrace.PropertyPath traced(String expression, Object root, Object result) {
        FillTrace.PropertyPath p = FillTrace.PropertyPath.of(expression, new String[]{"o"},
                StandardExpressionExecutionContext.NORMAL, result, root);
        assertThat(p).as(expression).isNotNull();
        return p;
    }

    /** Primitive results come back boxed as SpEL's (and a handle's asType) boxing gave them: same class, same value. */
    @Test
    void boxesPrimitiveResults() {
        Counter c = new Counter(3);
        assertThat(traced("o.n", c, 3).get(new Counter(5))).isInstanceOf(Integer.class).isEqualTo(5);
        assertThat(traced("o.size", c, 30_000_000_000L).get(new Counter(1))).isInstanceOf(Long.class).isEqualTo(10_000_000_000L);
        assertThat(traced("o.odd", c, true).get(new Counter(4))).isSameAs(Boolean.FALSE);
        assertThat(traced("o.initial", c, 'd').get(new Counter(1))).isInstanceOf(Character.class).isEqualTo('b');
        // A JDK class's accessors on the way (String.length(), String.isEmpty()).
        assertThat(traced("o.label.length", c, 2).get(new Counter(12))).isEqualTo(3);
        assertThat(traced("o.label.empty", c, false).get(new Counter(0))).isEqualTo(false);
        // Integer.valueOf's cache: the boxes of small values are the very ones a plain call gives.
        assertThat(traced("o.n", c, 3).get(new Counter(7))).isSameAs(Integer.valueOf(7));
    }

    @Test
    void instanceAccessorsAreFunctionsAStaticOneStaysAHandle() {
        FillTrace.PropertyPath.Link n = FillTrace.PropertyPath.link(Counter.class, "n");
        assertThat(n.function()).isNotNull();
        assertThat(n.function().apply(new Counter(4))).isEqualTo(4);
        assertThat(FillTrace.PropertyPath.link(String.class, "empty").function()).isNotNull();
        FillTrace.PropertyPath.Link kind = FillTrace.PropertyPath.link(Counter.class, "kind");
        assertThat(kind.function()).isNull();
        assertThat(kind.handle()).isNotNull();
        // Method.invoke ignored a static accessor's receiver: the path reads it from whatever instance it meets.
        FillTrace.PropertyPath p = traced("o.kind", new Counter(1), "counter");
        assertThat(p.get(new Counter(9))).isEqualTo("counter");
        assertThat(traced("o.next.kind", new Counter(1), "counter").get(new Counter(0))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
    }

    @Test
    void anAccessorThatThrowsIsUnknownForThatDocumentOnly() {
        FillTrace.PropertyPath label = traced("o.label", new Counter(1), "n1");
        assertThat(label.get(new Counter(-1))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
        assertThat(label.get(new Counter(2))).isEqualTo("n2");
        FillTrace.PropertyPath deep = traced("o.next.next.label", new Counter(5), "n3");
        assertThat(deep.get(new Counter(1))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
        assertThat(deep.get(new Counter(2))).isEqualTo("n0");
    }

    @Test
    void twoClassesAlternatingAtOneStepEachReadTheirOwnAccessor() {
        FillTrace.PropertyPath p = traced("o.other.n", new Outer(null, new Counter(2)), 2);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.get(new Outer(null, new Counter(i)))).isEqualTo(i);
            assertThat(p.get(new Outer(null, new Wide()))).isEqualTo(-1);
            assertThat(p.get(new Outer(null, "no n"))).isSameAs(FillTrace.PropertyPath.UNKNOWN);
        }
    }
}
