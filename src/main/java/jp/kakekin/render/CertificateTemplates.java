package jp.kakekin.render;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import jp.kakekin.document.DocumentView;
import jp.kakekin.document.Specimen;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The document layouts: XHTML + CSS files in {@code templates/} ({@code kakekin.render.templates-dir}),
 * filled in by Thymeleaf (XML mode, so the output is well-formed for Flying Saucer). Operators edit
 * them without recompiling: a parsed template is cached for {@code cacheTtlMillis} (0: re-read on
 * every document, for template work; negative: kept for the life of the process).
 * <p>
 * Each layout reads one variable, the view ({@link DocumentView#layoutVariable()}: {@code cert} for a
 * {@link CertificateView}). The certificate layouts must exist when this is created; any other layout
 * when a document first needs it.
 */
public final class CertificateTemplates {

    private final Path dir;
    private final SpringTemplateEngine engine;
    private final long cacheTtlMillis;
    private final Set<String> found = ConcurrentHashMap.newKeySet();
    private final org.thymeleaf.standard.expression.IStandardVariableExpressionEvaluator evaluator;
    /** Whether a layout may be traced ({@link FillTrace#traceable}), by layout file. */
    private final ConcurrentHashMap<String, Boolean> traceable = new ConcurrentHashMap<>();
    /** Traces of fills, by layout and specimen flag: replayed instead of running Thymeleaf. */
    private final ConcurrentHashMap<String, List<FillTrace>> traces = new ConcurrentHashMap<>();
    private volatile long tracesSince = System.currentTimeMillis();
    private final java.util.concurrent.atomic.LongAdder replayed = new java.util.concurrent.atomic.LongAdder();
    private static final int TRACES_PER_LAYOUT = 32;

    public CertificateTemplates(Path dir, long cacheTtlMillis) {
        this.dir = dir.toAbsolutePath().normalize();
        this.cacheTtlMillis = cacheTtlMillis;
        for (DocumentKind kind : new DocumentKind[]{DocumentKind.NOVEMBER_CERTIFICATE, DocumentKind.FEBRUARY_CERTIFICATE}) {
            requireLayout(CertificateView.layout(kind));
        }
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(this.dir.toString() + "/");
        resolver.setSuffix("");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(cacheTtlMillis != 0);
        if (cacheTtlMillis > 0) {
            resolver.setCacheTTLMs(cacheTtlMillis);
        }
        SpringTemplateEngine engine = new SpringTemplateEngine();
        org.thymeleaf.spring6.dialect.SpringStandardDialect dialect = SlotMarking.dialect();
        engine.setDialect(dialect);
        engine.setTemplateResolver(resolver);
        this.engine = engine;
        this.evaluator = dialect.getVariableExpressionEvaluator();
    }

    public Path directory() {
        return dir;
    }

    /** How long a parsed template (and stylesheet) is kept: 0 never, negative forever. */
    public long cacheTtlMillis() {
        return cacheTtlMillis;
    }

    /** Fails, naming the file and the property, when a layout is not in the templates directory. */
    private void requireLayout(String layout) {
        if (!found.contains(layout)) {
            if (!Files.isRegularFile(dir.resolve(layout))) {
                throw new IllegalStateException("template %s not found in %s (kakekin.render.templates-dir)"
                        .formatted(layout, dir));
            }
            found.add(layout);
        }
    }

    /** Base URL against which the layouts' relative links (the stylesheet) resolve. */
    String baseUrl() {
        return dir.toUri().toString();
    }

    /**
     * The filled-in XHTML of one document with its printed fields marked ({@link SlotMarking}): the
     * marked text is the same for every document of the same shape; {@code values} are this document's.
     */
    Marked fill(DocumentView view) {
        return fill(view, false);
    }

    /**
     * As {@link #fill(DocumentView)}; with {@code traced}, a document of a shape filled before gets its
     * marked XHTML and values from the trace of that fill ({@link FillTrace}) instead of from Thymeleaf —
     * the same text, by construction — and a new shape's fill is traced.
     */
    Marked fill(DocumentView view, boolean traced) {
        requireLayout(view.layout());
        // A trial run's document is the same view marked 見本 (templates/specimen-mark.html).
        boolean specimen = view instanceof Specimen;
        Object model = specimen ? ((Specimen) view).view() : view;
        boolean tracing = traced && cacheTtlMillis != 0
                && traceable.computeIfAbsent(view.layout(), l -> FillTrace.traceable(dir, l) == null);
        String key = view.layout() + (specimen ? "|specimen" : "");
        List<String> values = new ArrayList<>();
        Map<String, Object> top = new java.util.HashMap<>(4);
        top.put(view.layoutVariable(), model);
        top.put("specimen", specimen);
        top.put(SlotMarking.VALUES, values);
        if (tracing) {
            if (cacheTtlMillis > 0 && System.currentTimeMillis() - tracesSince >= cacheTtlMillis) {
                // The layouts may have been edited: trace them again as they are now.
                traces.clear();
                traceable.clear();
                tracesSince = System.currentTimeMillis();
            }
            List<FillTrace> known = traces.get(key);
            if (known != null) {
                for (FillTrace trace : known) {
                    List<String> replay = trace.replay(model, top);
                    if (replay != null) {
                        replayed.increment();
                        return new Marked(view.layout(), trace.xhtml, replay);
                    }
                }
                if (known.size() >= TRACES_PER_LAYOUT) {
                    tracing = false;
                }
            }
        }
        Context context = new Context(Locale.JAPAN);
        context.setVariables(top);
        FillTrace.Recorder recorder = tracing ? new FillTrace.Recorder(top) : null;
        String xhtml;
        if (recorder != null) {
            FillTrace.RECORDING.set(recorder);
        }
        try {
            xhtml = engine.process(view.layout(), context);
        } finally {
            FillTrace.RECORDING.remove();
        }
        if (recorder != null) {
            FillTrace trace = recorder.finish(view.layout(), specimen, xhtml, evaluator, engine.getConfiguration());
            if (trace != null) {
                traces.compute(key, (k, old) -> {
                    List<FillTrace> list = old == null ? new ArrayList<>() : new ArrayList<>(old);
                    if (list.size() < TRACES_PER_LAYOUT) {
                        list.add(trace);
                    }
                    return List.copyOf(list);
                });
            }
        }
        return new Marked(view.layout(), xhtml, values);
    }

    /** Documents whose fill was replayed from a trace instead of run by Thymeleaf. */
    long replayed() {
        return replayed.sum();
    }

    /** A filled-in layout: XHTML with one marker character per printed field, and the fields' values. */
    record Marked(String layout, String xhtml, List<String> values, String[] fallbackShape,
                  CompiledLayout.Geometries[] geometries) {
        Marked(String layout, String xhtml, List<String> values) {
            this(layout, xhtml, values, new String[1], new CompiledLayout.Geometries[1]);
        }

        String value(char marker) {
            return values.get(SlotMarking.index(marker));
        }

        /** The text with every marker replaced by its value. */
        String realize(String text) {
            StringBuilder out = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (SlotMarking.isMarker(c)) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 32).append(text, 0, i);
                    }
                    out.append(value(c));
                } else if (out != null) {
                    out.append(c);
                }
            }
            return out == null ? text : out.toString();
        }
    }
}
