package jp.kakekin.render;

import jp.kakekin.document.UniqueCode;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.processor.element.MatchingAttributeName;
import org.thymeleaf.processor.element.MatchingElementName;
import org.thymeleaf.spring6.dialect.SpringStandardDialect;
import org.thymeleaf.standard.expression.IStandardVariableExpression;
import org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator;
import org.thymeleaf.standard.expression.StandardExpressionExecutionContext;
import org.thymeleaf.templatemode.TemplateMode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Marks the variable fields of a layout while Thymeleaf fills it: every text a {@code th:text},
 * {@code th:utext}, {@code th:src}, {@code th:style} or {@code th:attr} prints from the view is replaced in the output by one marker
 * character (a private-use code point) and its value kept aside, in order. The filled-in XHTML with the
 * markers is the same for every holder of the same shape, so it identifies the document's compiled
 * layout (see {@link CompiledLayouts}); the values are what the layout's slots print.
 * <p>
 * Only values printed by those attributes are marked: a condition ({@code th:if}), a fragment argument
 * or a {@code th:with} sees the real value, so the structure of the page is the real one. Anything a
 * layout prints without being marked (a number, an expression the markers do not cover) stays in the
 * marked XHTML, so it is part of the layout's identity and never printed for the wrong holder.
 */
final class SlotMarking {

    /** Context variable holding the {@code List<String>} of marked values. */
    static final String VALUES = "kk__slotValues";
    static final char FIRST = '\uE000';
    static final int MAX = 0x1000;

    private static final ThreadLocal<Boolean> PRINTING = new ThreadLocal<>();
    private static final Set<String> PRINTING_ATTRIBUTES = Set.of("text", "utext", "src", "style", "attr");

    private SlotMarking() {
    }

    static boolean isMarker(char c) {
        return c >= FIRST && c < FIRST + MAX;
    }

    static int index(char marker) {
        return marker - FIRST;
    }

    /** The Spring dialect with marking evaluation and marking print processors. */
    static SpringStandardDialect dialect() {
        SpringStandardDialect dialect = new SpringStandardDialect() {
            private IStandardVariableExpressionEvaluator evaluator;

            @Override
            public IStandardVariableExpressionEvaluator getVariableExpressionEvaluator() {
                if (evaluator == null) {
                    evaluator = new Evaluator(super.getVariableExpressionEvaluator());
                }
                return evaluator;
            }

            @Override
            public Set<IProcessor> getProcessors(String prefix) {
                Set<IProcessor> processors = new HashSet<>();
                for (IProcessor p : super.getProcessors(prefix)) {
                    processors.add(p instanceof IElementTagProcessor tp && printing(tp) ? new Printing(tp) : p);
                }
                return processors;
            }
        };
        dialect.setEnableSpringELCompiler(true);
        return dialect;
    }

    private static boolean printing(IElementTagProcessor p) {
        MatchingAttributeName name = p.getMatchingAttributeName();
        return name != null && name.getMatchingAttributeName() != null
                && PRINTING_ATTRIBUTES.contains(name.getMatchingAttributeName().getAttributeName());
    }

    /** The text a printed value is marked with, or null when it is printed as it is (not text, empty, or holding a marker). */
    static String markable(Object result) {
        if (!(result instanceof CharSequence || result instanceof UniqueCode)) {
            return null;
        }
        String value = result.toString();
        if (value.isEmpty()) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isMarker(value.charAt(i))) {
                return null;
            }
        }
        return value;
    }

    private record Evaluator(IStandardVariableExpressionEvaluator delegate) implements IStandardVariableExpressionEvaluator {
        @Override
        public Object evaluate(IExpressionContext context, IStandardVariableExpression expression,
                               StandardExpressionExecutionContext executionContext) {
            Object result = delegate.evaluate(context, expression, executionContext);
            Object printed = mark(context, result);
            FillTrace.Recorder recorder = FillTrace.RECORDING.get();
            if (recorder != null) {
                recorder.record(context, expression, executionContext, PRINTING.get() != null, result, printed != result);
            }
            return printed;
        }

        private static Object mark(IExpressionContext context, Object result) {
            if (PRINTING.get() == null) {
                return result;
            }
            String value = markable(result);
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) context.getVariable(VALUES);
            if (value == null || values == null || values.size() >= MAX) {
                return result;
            }
            values.add(value);
            return String.valueOf((char) (FIRST + values.size() - 1));
        }
    }

    /** A print attribute's processor, evaluating its expression in marking mode. */
    private record Printing(IElementTagProcessor delegate) implements IElementTagProcessor,
            org.thymeleaf.engine.IAttributeDefinitionsAware, org.thymeleaf.engine.IElementDefinitionsAware {
        @Override
        public void setAttributeDefinitions(org.thymeleaf.engine.AttributeDefinitions definitions) {
            if (delegate instanceof org.thymeleaf.engine.IAttributeDefinitionsAware aware) {
                aware.setAttributeDefinitions(definitions);
            }
        }

        @Override
        public void setElementDefinitions(org.thymeleaf.engine.ElementDefinitions definitions) {
            if (delegate instanceof org.thymeleaf.engine.IElementDefinitionsAware aware) {
                aware.setElementDefinitions(definitions);
            }
        }

        @Override
        public void process(ITemplateContext context, IProcessableElementTag tag, IElementTagStructureHandler handler) {
            PRINTING.set(Boolean.TRUE);
            try {
                delegate.process(context, tag, handler);
            } finally {
                PRINTING.remove();
            }
        }

        @Override
        public MatchingElementName getMatchingElementName() {
            return delegate.getMatchingElementName();
        }

        @Override
        public MatchingAttributeName getMatchingAttributeName() {
            return delegate.getMatchingAttributeName();
        }

        @Override
        public TemplateMode getTemplateMode() {
            return delegate.getTemplateMode();
        }

        @Override
        public int getPrecedence() {
            return delegate.getPrecedence();
        }
    }
}
