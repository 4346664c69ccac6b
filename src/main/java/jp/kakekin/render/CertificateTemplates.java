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
        engine.setDialect(SlotMarking.dialect());
        engine.setTemplateResolver(resolver);
        this.engine = engine;
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
        requireLayout(view.layout());
        Context context = new Context(Locale.JAPAN);
        // A trial run's document is the same view marked 見本 (templates/specimen-mark.html).
        boolean specimen = view instanceof Specimen;
        context.setVariable(view.layoutVariable(), specimen ? ((Specimen) view).view() : view);
        context.setVariable("specimen", specimen);
        List<String> values = new ArrayList<>();
        context.setVariable(SlotMarking.VALUES, values);
        return new Marked(view.layout(), engine.process(view.layout(), context), values);
    }

    /** A filled-in layout: XHTML with one marker character per printed field, and the fields' values. */
    record Marked(String layout, String xhtml, List<String> values) {
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
