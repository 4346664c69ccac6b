package jp.kakekin.render;

import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.context.ExpressionContext;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.engine.IterationStatusVar;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.util.EvaluationUtils;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Thymeleaf evaluated while filling one document of a layout and shape, so that the next documents
 * of that shape get their marked XHTML and values without running Thymeleaf ("fill many"): the marked
 * XHTML is the same for every document of the shape, and the values are what the marked expressions give
 * for the new view.
 * <p>
 * A trace is every {@code ${…}} expression evaluated, in order, with where the variables it read came
 * from: the view, the result of an earlier expression (a {@code th:with}, a fragment argument), or an
 * element of an earlier expression's list (a {@code th:each}). {@link #replay} evaluates them again for
 * another view and accepts the result only if the document would have the same shape: every expression
 * that printed a marked value gives a printable value again; every other expression gives an equal
 * value — or, if its value only flows into later expressions, a value of the same class, truth (for
 * {@code th:if}) and list size (for {@code th:each}). Otherwise the document is filled by Thymeleaf (and
 * traced anew). Whether a layout may be traced at all is decided from its files first
 * ({@link #traceable}): only {@code th:if}, {@code th:unless}, {@code th:with}, {@code th:each},
 * {@code th:replace}/{@code th:insert} of a fragment with {@code ${…}} arguments, and the printing
 * attributes, so that no value is computed outside a traced expression.
 */
final class FillTrace {

    /** The recorder of the fill running on this thread, if it is being traced. */
    static final ThreadLocal<Recorder> RECORDING = new ThreadLocal<>();

    /** Expression utility objects whose methods depend only on their arguments (and the locale). */
    private static final Set<String> PURE_OBJECTS = Set.of("strings", "numbers", "bools", "arrays", "lists", "sets",
            "maps", "aggregates", "objects", "temporals", "dates", "calendars", "uris", "messages");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SIMPLE_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    enum Mode {
        /** A printing expression whose value was marked: any printable value. */
        MARKED,
        /** Must give a value equal to the traced one. */
        EQUAL,
        /** Only flows into later expressions: same class, truth and list size. */
        FREE,
        /** Gives the value of one of its own variables (pass-through): same truth and list size. */
        PASS,
        /** The same expression of the same variables as an earlier step: an equal value. */
        REPEAT
    }

    /** Where a variable's value comes from: a top-level variable, an earlier step's result, or an element of it. */
    record Source(String top, int step, int index) {
    }

    /**
     * @param pass  for {@link Mode#PASS}: the variable whose value it gives; for {@link Mode#REPEAT}: the step it repeats
     * @param size  the traced value's size when it is a list, else -1
     * @param path  a fast way to evaluate it ({@link Direct#of}), or null for Thymeleaf's evaluator
     */
    record Step(IStandardVariableExpression expression, StandardExpressionExecutionContext exec, String[] names,
                Source[] sources, Mode mode, Object traced, boolean truth, int size, int pass, Direct path) {
    }

    final String layout;
    final boolean specimen;
    final String xhtml;
    private final List<Step> steps;
    static final boolean DEBUG = false;
    private final IStandardVariableExpressionEvaluator evaluator;
    private final IEngineConfiguration configuration;

    /** The top-level variables the steps read, each looked up once per replay ({@link #topSlots}). */
    private final String[] topNames;
    /** For each step and variable: its index in {@link #topNames}, or -1 when it is not a top-level variable. */
    private final int[][] topSlots;

    private FillTrace(String layout, boolean specimen, String xhtml, List<Step> steps,
                      IStandardVariableExpressionEvaluator evaluator, IEngineConfiguration configuration) {
        this.layout = layout;
        this.specimen = specimen;
        this.xhtml = xhtml;
        this.steps = steps;
        this.evaluator = evaluator;
        this.configuration = configuration;
        // A replay looked the top-level variables up by name for every step (1.6% of the print workers' samples).
        List<String> names = new ArrayList<>();
        this.topSlots = new int[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            Source[] sources = steps.get(i).sources();
            int[] slots = new int[sources.length];
            for (int k = 0; k < sources.length; k++) {
                String top = sources[k].top();
                if (top == null) {
                    slots[k] = -1;
                } else {
                    if (!names.contains(top)) {
                        names.add(top);
                    }
                    slots[k] = names.indexOf(top);
                }
            }
            topSlots[i] = slots;
        }
        this.topNames = names.toArray(String[]::new);
    }

    /**
     * The marked values for another view of the same layout, or null when the view's document would
     * not have this trace's shape (or an expression fails): then Thymeleaf must fill it.
     */
    List<String> replay(Object view, Map<String, Object> top) {
        Object[] results = new Object[steps.size()];
        Object[] topValues = new Object[topNames.length];
        for (int t = 0; t < topNames.length; t++) {
            topValues[t] = top.get(topNames[t]);
        }
        List<String> values = new ArrayList<>();
        ExpressionContext ctx = null;
        Object evaluationContext = null;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Object[] bound = new Object[step.names().length];
            int[] slots = topSlots[i];
            for (int k = 0; k < bound.length; k++) {
                Source s = step.sources()[k];
                if (slots[k] >= 0) {
                    bound[k] = topValues[slots[k]];
                } else if (s.index() < 0) {
                    bound[k] = results[s.step()];
                } else {
                    bound[k] = ((List<?>) results[s.step()]).get(s.index());
                }
            }
            Object result;
            try {
                if (step.path() != null) {
                    result = step.path().get(bound[0]);
                    if (result == PropertyPath.UNKNOWN) {
                        return null;
                    }
                } else {
                    if (ctx == null) {
                        ctx = new ExpressionContext(configuration, Locale.JAPAN);
                        // As in a Thymeleaf fill: one SpEL evaluation context for the document, not one per expression.
                        evaluationContext = new org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper(
                                new org.springframework.expression.spel.support.StandardEvaluationContext());
                    }
                    ctx.clearVariables();
                    ctx.setVariable(org.thymeleaf.spring6.expression.ThymeleafEvaluationContext
                            .THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, evaluationContext);
                    for (int k = 0; k < bound.length; k++) {
                        ctx.setVariable(step.names()[k], bound[k]);
                    }
                    result = evaluator.evaluate(ctx, step.expression(), step.exec());
                }
            } catch (RuntimeException e) {
                return null;
            }
            switch (step.mode()) {
                case MARKED -> {
                    String value = SlotMarking.markable(result);
                    if (value == null || values.size() >= SlotMarking.MAX) {
                        return null;
                    }
                    values.add(value);
                }
                case EQUAL -> {
                    if (!Objects.equals(result, step.traced())) {
                        if (DEBUG) System.err.println("trace: step " + i + " " + step.expression().getExpression() + " " + step.mode() + " " + step.traced() + " -> " + result);
                        return null;
                    }
                }
                case REPEAT -> {
                    if (!Objects.equals(result, results[step.pass()])) {
                        return null;
                    }
                }
                case FREE, PASS -> {
                    if (result == null || result.getClass() != step.traced().getClass()
                            || EvaluationUtils.evaluateAsBoolean(result) != step.truth()
                            || (step.size() >= 0 && ((List<?>) result).size() != step.size())) {
                        return null;
                    }
                    if (step.mode() == Mode.PASS && result != bound[step.pass()]) {
                        return null;
                    }
                }
            }
            results[i] = result;
        }
        return values;
    }

    /** Records the evaluations of one Thymeleaf fill; {@link #finish} makes the trace, or null if it cannot be replayed. */
    static final class Recorder {
        private final Map<String, Object> top;
        private final List<Raw> raw = new ArrayList<>();
        private String broken;

        Recorder(Map<String, Object> top) {
            this.top = top;
        }

        private record Raw(IStandardVariableExpression expression, StandardExpressionExecutionContext exec,
                           boolean printing, boolean marked, Object result, String[] names, Source[] sources,
                           int pass, int repeat) {
            /** Whether this step's result is a value of its own (not printed, not passed through or repeated). */
            boolean produces() {
                return !printing && pass < 0 && repeat < 0;
            }
        }

        void record(IExpressionContext context, IStandardVariableExpression expression,
                    StandardExpressionExecutionContext exec, boolean printing, Object result, boolean marked) {
            if (broken != null) {
                return;
            }
            if (expression.getUseSelectionAsRoot()) {
                broken = "selection expression *{…}";
                return;
            }
            String text = expression.getExpression();
            if (text.contains("@") || text.contains("T(") || text.contains("new ") || text.contains("$")) {
                broken = "expression " + text;
                return;
            }
            Set<String> variables = context.getVariableNames();
            List<String> names = new ArrayList<>();
            Matcher m = IDENTIFIER.matcher(text);
            while (m.find()) {
                int at = m.start();
                char before = at == 0 ? ' ' : text.charAt(at - 1);
                if (before == '#') {
                    if (!PURE_OBJECTS.contains(m.group())) {
                        broken = "expression object #" + m.group();
                        return;
                    }
                    continue;
                }
                if (before == '.' || (at > 1 && before == '?' && text.charAt(at - 2) == '.')
                        || Character.isLetterOrDigit(before) || before == '\'') {
                    continue;
                }
                String name = m.group();
                if (variables.contains(name) && !names.contains(name)) {
                    names.add(name);
                }
            }
            Source[] sources = new Source[names.size()];
            int pass = -1;
            for (int k = 0; k < sources.length; k++) {
                Object value = context.getVariable(names.get(k));
                sources[k] = source(value, context);
                if (sources[k] == null) {
                    broken = "variable " + names.get(k) + " of " + text + " is not the result of a traced expression";
                    return;
                }
                if (!printing && value == result && pass < 0) {
                    pass = k;
                }
            }
            int repeat = -1;
            if (!printing && pass < 0) {
                for (int j = raw.size() - 1; j >= 0; j--) {
                    Raw r = raw.get(j);
                    if (r.produces() && r.result() == result && r.expression().getExpression().equals(text)
                            && java.util.Arrays.equals(r.sources(), sources)) {
                        repeat = j;
                        break;
                    }
                }
            }
            raw.add(new Raw(expression, exec, printing, marked, result, names.toArray(String[]::new), sources, pass, repeat));
        }

        private Source source(Object value, IExpressionContext context) {
            for (Map.Entry<String, Object> e : top.entrySet()) {
                if (e.getValue() == value) {
                    return new Source(e.getKey(), -1, -1);
                }
            }
            for (int j = raw.size() - 1; j >= 0; j--) {
                Raw r = raw.get(j);
                if (r.produces() && r.result() == value) {
                    return new Source(null, j, -1);
                }
            }
            // An element of a list a th:each iterates: its status variable says which.
            for (String name : context.getVariableNames()) {
                if (context.getVariable(name) instanceof IterationStatusVar status && status.getCurrent() == value) {
                    for (int j = raw.size() - 1; j >= 0; j--) {
                        Raw r = raw.get(j);
                        if (!r.printing() && r.result() instanceof List<?> list && status.getIndex() < list.size()
                                && list.get(status.getIndex()) == value) {
                            return new Source(null, j, status.getIndex());
                        }
                    }
                }
            }
            return null;
        }

        FillTrace finish(String layout, boolean specimen, String xhtml, IStandardVariableExpressionEvaluator evaluator,
                         IEngineConfiguration configuration) {
            if (broken != null) {
                return null;
            }
            // How many steps produced each object (pass-throughs and printing steps do not).
            Map<Object, Integer> producers = new IdentityHashMap<>();
            for (Object v : top.values()) {
                if (v != null) {
                    producers.merge(v, 1, Integer::sum);
                }
            }
            for (Raw r : raw) {
                if (r.produces() && r.result() != null) {
                    producers.merge(r.result(), 1, Integer::sum);
                    if (r.result() instanceof List<?> list) {
                        for (Object e : list) {
                            if (e != null) {
                                producers.merge(e, 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            boolean[] isSource = new boolean[raw.size()];
            for (Raw r : raw) {
                for (Source s : r.sources()) {
                    if (s.top() == null) {
                        isSource[s.step()] = true;
                    }
                }
            }
            List<Step> steps = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                Raw r = raw.get(i);
                Object v = r.result();
                Mode mode;
                if (r.printing() && r.marked()) {
                    mode = Mode.MARKED;
                } else if (r.printing()) {
                    mode = Mode.EQUAL;
                } else if (r.repeat() >= 0) {
                    mode = Mode.REPEAT;
                } else if (r.pass() >= 0 && v != null) {
                    mode = Mode.PASS;
                } else if (isSource[i] && v != null && !(v instanceof Boolean || v instanceof Number
                        || v instanceof Character || v instanceof Enum<?>) && producers.getOrDefault(v, 0) == 1) {
                    mode = Mode.FREE;
                } else {
                    mode = Mode.EQUAL;
                }
                int size = v instanceof List<?> list ? list.size() : -1;
                Direct path = Direct.of(r.expression().getExpression(), r.names(), r.exec(), v, valueOf(r));
                steps.add(new Step(r.expression(), r.exec(), r.names(), r.sources(), mode, v,
                        v != null && EvaluationUtils.evaluateAsBoolean(v), size, mode == Mode.REPEAT ? r.repeat() : r.pass(), path));
            }
            return new FillTrace(layout, specimen, xhtml, List.copyOf(steps), evaluator, configuration);
        }

        /** The value of a step's first variable when it was traced (for checking a fast property path). */
        private Object valueOf(Raw r) {
            if (r.names().length != 1) {
                return null;
            }
            Source s = r.sources()[0];
            if (s.top() != null) {
                return top.get(s.top());
            }
            Object v = raw.get(s.step()).result();
            return s.index() < 0 ? v : ((List<?>) v).get(s.index());
        }
    }

    /**
     * An expression of one variable evaluated without SpEL: a property path ({@link PropertyPath}), or one of the
     * conditions the layouts test with ({@link Condition}). A replay that meets no other expression makes no SpEL
     * context at all: the three conditions of a 控除証明書 ({@code barcode != null}, {@code !#strings.isEmpty(…)}
     * twice) cost a Thymeleaf expression context, a SpEL evaluation context wrapper and three SpEL evaluations per
     * document — ≈ 7% of the print workers' samples (JFR, 100k print run, issue #14).
     */
    interface Direct {
        /** The value for this root, or {@link PropertyPath#UNKNOWN} when SpEL must say (then Thymeleaf fills it). */
        Object get(Object root);

        /**
         * A direct way to evaluate the expression, used only when at trace time it gave the very value SpEL gave;
         * null for anything else (SpEL evaluates it).
         */
        static Direct of(String expression, String[] names, StandardExpressionExecutionContext exec, Object result, Object root) {
            PropertyPath path = PropertyPath.of(expression, names, exec, result, root);
            return path != null ? path : Condition.of(expression, names, exec, result, root);
        }
    }

    /**
     * {@code P != null}, {@code P == null}, {@code #strings.isEmpty(P)} and {@code !#strings.isEmpty(P)} for a property
     * path P of one variable: a Boolean, as SpEL gives it — {@code !=}/{@code ==} against the null literal compare
     * with null, {@code #strings.isEmpty} is Thymeleaf's own {@link org.thymeleaf.expression.Strings#isEmpty} (null,
     * empty or whitespace), {@code !} negates.
     */
    record Condition(PropertyPath path, Kind kind) implements Direct {
        enum Kind { NOT_NULL, NULL, EMPTY, NOT_EMPTY }

        private static final String PATH = "([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)";
        private static final Pattern COMPARED = Pattern.compile(PATH + "\\s*([!=]=)\\s*null");
        private static final Pattern EMPTY = Pattern.compile("(!?)\\s*#strings\\.isEmpty\\(\\s*" + PATH + "\\s*\\)");
        private static final org.thymeleaf.expression.Strings STRINGS = new org.thymeleaf.expression.Strings(Locale.JAPAN);

        static Condition of(String expression, String[] names, StandardExpressionExecutionContext exec, Object result, Object root) {
            if (names.length != 1 || exec.getPerformTypeConversion() || !(result instanceof Boolean)) {
                return null;
            }
            String text = expression.strip();
            String path;
            Kind kind;
            Matcher m = COMPARED.matcher(text);
            if (m.matches()) {
                path = m.group(1);
                kind = m.group(2).equals("!=") ? Kind.NOT_NULL : Kind.NULL;
            } else if ((m = EMPTY.matcher(text)).matches()) {
                path = m.group(2);
                kind = m.group(1).isEmpty() ? Kind.EMPTY : Kind.NOT_EMPTY;
            } else {
                return null;
            }
            String[] parts = path.split("\\.");
            if (!parts[0].equals(names[0]) || parts[0].equals("null")) {
                return null;
            }
            Condition c = new Condition(new PropertyPath(java.util.Arrays.copyOfRange(parts, 1, parts.length)), kind);
            return result.equals(c.get(root)) ? c : null;
        }

        @Override
        public Object get(Object root) {
            Object v = path.get(root);
            if (v == PropertyPath.UNKNOWN) {
                return v;
            }
            return switch (kind) {
                case NOT_NULL -> Boolean.valueOf(v != null);
                case NULL -> Boolean.valueOf(v == null);
                case EMPTY -> STRINGS.isEmpty(v);
                case NOT_EMPTY -> Boolean.valueOf(!STRINGS.isEmpty(v));
            };
        }
    }

    /**
     * {@code var.a.b} (or {@code var} alone) read by its accessors (record-style {@code a()} or a getter), without SpEL: for
     * the simple paths most layouts print. Used only when, at trace time, it gave the very value SpEL gave.
     * <p>
     * Each property is read through an accessor resolved once per (class, property) ({@link #ACCESSORS})
     * and remembered per step for the class last seen there: {@code Method.invoke} per property per document
     * (its access check, argument array and accessor dispatch) was 9% of the print workers' samples. The accessor is
     * a {@link Function} spun by {@link LambdaMetafactory} where it can be: {@code invokeExact} on a handle that is
     * not a constant to the JIT (its customization check, casts, lambda-form dispatch) was still 4% of them.
     */
    static final class PropertyPath implements Direct {
        static final Object UNKNOWN = new Object();

        /** A class's accessors by property name; an empty Optional when it has no readable property of that name. */
        private static final ClassValue<java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Link>>> ACCESSORS =
                new ClassValue<>() {
                    @Override
                    protected java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Link>> computeValue(Class<?> type) {
                        return new java.util.concurrent.ConcurrentHashMap<>();
                    }
                };
        /** An accessor taking and giving Object: the handles' type, and the erased type of Function.apply. */
        private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
        private static final MethodType FUNCTION = MethodType.methodType(Function.class);

        /**
         * The accessor of one property for one class (immutable, so a step's link can be replaced by any thread):
         * {@code function} when one could be spun, else {@code handle} (taking and giving Object).
         */
        record Link(Class<?> type, Function<Object, Object> function, MethodHandle handle) {
        }

        private final String[] properties;
        private final Link[] links;

        PropertyPath(String[] properties) {
            this.properties = properties;
            this.links = new Link[properties.length];
        }

        static PropertyPath of(String expression, String[] names, StandardExpressionExecutionContext exec,
                               Object result, Object root) {
            String text = expression.strip();
            if (names.length != 1 || root == null || exec.getPerformTypeConversion() || !SIMPLE_PATH.matcher(text).matches()) {
                return null;
            }
            String[] parts = text.split("\\.");
            // A bare variable ({@code ${postalCode}}, a fragment's argument) is a path of no property: its value.
            if (!parts[0].equals(names[0])) {
                return null;
            }
            String[] properties = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            PropertyPath path = new PropertyPath(properties);
            Object check = path.get(root);
            boolean same = check == result || check != null && result != null && check.getClass() == result.getClass()
                    && check.equals(result);
            return same ? path : null;
        }

        @Override
        public Object get(Object root) {
            Object v = root;
            for (int i = 0; i < properties.length; i++) {
                if (v == null) {
                    return UNKNOWN;
                }
                Link link = links[i];
                if (link == null || link.type() != v.getClass()) {
                    link = link(v.getClass(), properties[i]);
                    if (link == null) {
                        return UNKNOWN;
                    }
                    links[i] = link;
                }
                try {
                    Function<Object, Object> f = link.function();
                    v = f != null ? f.apply(v) : (Object) link.handle().invokeExact(v);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    // As Method.invoke's InvocationTargetException did: an accessor that throws is not a value.
                    return UNKNOWN;
                }
            }
            return v;
        }

        /** The accessor of a property of a class, or null when it has none. */
        static Link link(Class<?> type, String property) {
            return ACCESSORS.get(type).computeIfAbsent(property, p -> {
                Method m = accessor(type, p);
                if (m == null) {
                    return java.util.Optional.empty();
                }
                MethodHandle h;
                try {
                    h = MethodHandles.lookup().unreflect(m);
                } catch (IllegalAccessException e) {
                    return java.util.Optional.empty();
                }
                if (Modifier.isStatic(m.getModifiers())) {
                    // Method.invoke ignored the receiver of a static accessor (a function cannot drop it).
                    return java.util.Optional.of(new Link(type, null, MethodHandles.dropArguments(h, 0, Object.class).asType(GETTER)));
                }
                return java.util.Optional.of(new Link(type, function(m, h), h.asType(GETTER)));
            }).orElse(null);
        }

        /**
         * The instance accessor {@code m} as a Function (a primitive result boxed as {@code asType} boxes it), or null
         * when the metafactory cannot make one. The spun class is defined beside FillTrace and names the accessor's
         * classes, so it is made only when they are the very classes FillTrace's loader sees by those names: else
         * its first call would fail to link, which {@link #get} would take for an accessor that throws.
         */
        @SuppressWarnings("unchecked")
        static Function<Object, Object> function(Method m, MethodHandle direct) {
            if (!visible(m.getDeclaringClass()) || !visible(m.getReturnType())) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply", FUNCTION, GETTER, direct,
                        MethodType.methodType(Object.class, m.getDeclaringClass())).getTarget().invoke();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                return null;
            }
        }

        private static boolean visible(Class<?> type) {
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive()) {
                return true;
            }
            try {
                return Class.forName(type.getName(), false, PropertyPath.class.getClassLoader()) == type;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /** As SpEL looks for a readable property: getX(), isX() (boolean), then the record-style x(). */
        private static Method accessor(Class<?> type, String property) {
            if (!Modifier.isPublic(type.getModifiers())) {
                return null;
            }
            String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            String[] names = {"get" + cap, "is" + cap, property};
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                try {
                    Method m = type.getMethod(name);
                    // Only the isX() form must give a boolean: a record-style accessor whose name starts with "is"
                    // (issuer()) is read as any other (it was skipped, and every path through it left to SpEL).
                    if (i == 1 && m.getReturnType() != boolean.class && m.getReturnType() != Boolean.class) {
                        continue;
                    }
                    if (m.getReturnType() == void.class || !Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                        continue;
                    }
                    return m;
                } catch (NoSuchMethodException e) {
                    // next form
                }
            }
            return null;
        }
    }

    // ---- which layouts may be traced --------------------------------------------------------------

    private static final String VAR = "\\$\\{[^{}]*\\}";
    private static final Pattern ATTRIBUTE = Pattern.compile("th:([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern IF = Pattern.compile("\\s*" + VAR + "\\s*");
    private static final Pattern WITH = Pattern.compile("\\s*\\w+\\s*=\\s*" + VAR + "(\\s*,\\s*\\w+\\s*=\\s*" + VAR + ")*\\s*");
    private static final Pattern EACH = Pattern.compile("\\s*\\w+(\\s*,\\s*\\w+)?\\s*:\\s*" + VAR + "\\s*");
    private static final Pattern FRAGMENT = Pattern.compile(
            "\\s*~\\{\\s*[\\w.-]+\\s*::\\s*\\w+\\s*(\\(\\s*(" + VAR + "(\\s*,\\s*" + VAR + ")*)?\\s*\\))?\\s*\\}\\s*");
    private static final Pattern INCLUDED = Pattern.compile("~\\{\\s*([\\w.-]+)\\s*::");
    private static final Set<String> PRINTING = Set.of("text", "utext", "src", "style", "attr");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern ANY_TH = Pattern.compile("(?<![\\w-])th:");

    /**
     * Null when the layout (with the fragments it includes) computes nothing outside {@code ${…}}
     * expressions in what decides its shape, so a trace of it can be replayed; else why not.
     */
    static String traceable(java.nio.file.Path dir, String layout) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(layout));
        Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String file = todo.pop();
            if (!seen.add(file)) {
                continue;
            }
            String text;
            try {
                text = COMMENT.matcher(java.nio.file.Files.readString(dir.resolve(file))).replaceAll("");
            } catch (java.io.IOException | RuntimeException e) {
                return file + ": " + e.getMessage();
            }
            if (text.contains("[[") || text.contains("[(") || text.contains("data-th-")) {
                return file + ": inlined expression";
            }
            Matcher m = ATTRIBUTE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                String value = m.group(3) != null ? m.group(3) : m.group(4);
                boolean ok = switch (name) {
                    case "if", "unless" -> IF.matcher(value).matches();
                    case "with" -> WITH.matcher(value).matches();
                    case "each" -> EACH.matcher(value).matches();
                    case "replace", "insert" -> FRAGMENT.matcher(value).matches();
                    case "fragment" -> true;
                    default -> PRINTING.contains(name);
                };
                if (!ok) {
                    return file + ": th:" + name + "=\"" + value + "\"";
                }
                Matcher inc = INCLUDED.matcher(value);
                while (inc.find()) {
                    todo.push(inc.group(1));
                }
            }
            // Any other way of writing a Thymeleaf attribute (or element) is not checked above.
            int count = 0;
            Matcher any = ANY_TH.matcher(text);
            while (any.find()) {
                count++;
            }
            int matched = 0;
            m.reset();
            while (m.find()) {
                matched++;
            }
            if (count != matched) {
                return file + ": a th: attribute or element written otherwise";
            }
        }
        return null;
    }
}
