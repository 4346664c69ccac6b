package jp.kakekin.web;

import jp.kakekin.render.FontLibrary;
import jp.kakekin.render.RenderProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Health components an operator of kakekin needs beyond Boot's (database, and the broker when one is
 * used): the fonts and layouts every printed document needs (the e-私書箱 signing certificate's is
 * edelivery.SigningCertificateHealth). Details are shown to operators only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperationsHealth {

    @Bean
    HealthIndicator documentResources(RenderProperties render) {
        return () -> documentResources(render.fontsPath(), render.templatesPath());
    }

    static Health documentResources(Path fonts, Path templates) {
        List<String> missingFonts = FontLibrary.FILES.stream().filter(f -> !Files.isRegularFile(fonts.resolve(f))).toList();
        long layouts;
        try (Stream<Path> files = Files.isDirectory(templates) ? Files.list(templates) : Stream.empty()) {
            layouts = files.filter(p -> p.getFileName().toString().endsWith(".html")).count();
        } catch (IOException e) {
            layouts = 0;
        }
        Health.Builder health = missingFonts.isEmpty() && layouts > 0 ? Health.up() : Health.down();
        health.withDetail("fonts", fonts.toAbsolutePath().toString())
                .withDetail("templates", templates.toAbsolutePath().toString())
                .withDetail("layouts", layouts);
        if (!missingFonts.isEmpty()) {
            health.withDetail("missingFonts", missingFonts);
        }
        if (layouts == 0) {
            health.withDetail("error", "no layouts (*.html) in " + templates.toAbsolutePath() + " (kakekin.render.templates-dir)");
        }
        return health.build();
    }
}
