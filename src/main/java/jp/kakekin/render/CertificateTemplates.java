package jp.kakekin.render;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.CertificateView;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The certificate layouts: XHTML + CSS files in {@code templates/} ({@code kakekin.render.templates-dir}),
 * filled in by Thymeleaf (XML mode, so the output is well-formed for Flying Saucer). Operators edit
 * them without recompiling: a parsed template is cached for {@code cacheTtlMillis} (0: re-read on
 * every document, for template work; negative: kept for the life of the process).
 * <p>
 * Each layout reads one variable, {@code cert}: a {@link CertificateView}.
 */
public final class CertificateTemplates {

    private final Path dir;
    private final SpringTemplateEngine engine;
    private final long cacheTtlMillis;

    public CertificateTemplates(Path dir, long cacheTtlMillis) {
        this.dir = dir.toAbsolutePath().normalize();
        this.cacheTtlMillis = cacheTtlMillis;
        for (DocumentKind kind : new DocumentKind[]{DocumentKind.NOVEMBER_CERTIFICATE, DocumentKind.FEBRUARY_CERTIFICATE}) {
            Path file = this.dir.resolve(fileName(kind));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("template %s not found in %s (kakekin.render.templates-dir)"
                        .formatted(fileName(kind), this.dir));
            }
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
        engine.setTemplateResolver(resolver);
        engine.setEnableSpringELCompiler(true);
        this.engine = engine;
    }

    public Path directory() {
        return dir;
    }

    /** How long a parsed template (and stylesheet) is kept: 0 never, negative forever. */
    public long cacheTtlMillis() {
        return cacheTtlMillis;
    }

    /** The template file of a document, relative to the templates directory. */
    public static String fileName(DocumentKind kind) {
        return switch (kind) {
            case NOVEMBER_CERTIFICATE -> "november-certificate.html";
            case FEBRUARY_CERTIFICATE -> "february-certificate.html";
            case SAFETY_TAX_STATEMENT, SAFETY_PAYMENT_STATUS -> throw new IllegalArgumentException("no certificate layout for " + kind);
        };
    }

    /** Base URL against which the layouts' relative links (the stylesheet) resolve. */
    String baseUrl() {
        return dir.toUri().toString();
    }

    /** The filled-in XHTML of one certificate. */
    String fill(CertificateView view) {
        Context context = new Context(Locale.JAPAN);
        context.setVariable("cert", view);
        return engine.process(fileName(view.document()), context);
    }
}
