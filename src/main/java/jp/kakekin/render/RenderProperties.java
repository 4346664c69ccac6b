package jp.kakekin.render;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code kakekin.render.*}: where the certificate fonts and layouts are.
 *
 * @param fontsDir         the fonts/ directory (default ./fonts, relative to the working directory)
 * @param templatesDir     the templates/ directory (default ./templates)
 * @param templateCacheTtl how long a parsed layout and stylesheet are kept before the files are read
 *                         again (default 60s; 0 re-reads them for every certificate)
 */
@ConfigurationProperties("kakekin.render")
@Validated
public record RenderProperties(@NotBlank String fontsDir, @NotBlank String templatesDir, Duration templateCacheTtl) {

    // Bound as text and turned into file-system paths here: Spring's String→Path conversion would try
    // the class path first, where a folder of the same name could shadow the operator's directory.
    public RenderProperties {
        fontsDir = fontsDir != null ? fontsDir : "fonts";
        templatesDir = templatesDir != null ? templatesDir : "templates";
        templateCacheTtl = templateCacheTtl != null ? templateCacheTtl : Duration.ofSeconds(60);
    }

    public Path fontsPath() {
        return Path.of(fontsDir);
    }

    public Path templatesPath() {
        return Path.of(templatesDir);
    }
}
