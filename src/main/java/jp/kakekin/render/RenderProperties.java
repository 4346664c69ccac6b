package jp.kakekin.render;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
public record RenderProperties(Path fontsDir, Path templatesDir, Duration templateCacheTtl) {

    public RenderProperties {
        fontsDir = fontsDir != null ? fontsDir : Path.of("fonts");
        templatesDir = templatesDir != null ? templatesDir : Path.of("templates");
        templateCacheTtl = templateCacheTtl != null ? templateCacheTtl : Duration.ofSeconds(60);
    }
}
