package jp.kakekin.archive;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * The archive of issued documents (docs/archive.md): {@code kakekin.archive.enabled} (default true) and
 * {@code kakekin.archive.dir} (default {@code ./data/archive}). Another {@link ArchiveStore} bean (an
 * S3-compatible bucket) replaces the directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kakekin.archive.enabled", havingValue = "true", matchIfMissing = true)
public class ArchiveConfiguration {

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    ArchiveStore archiveStore(@Value("${kakekin.archive.dir:./data/archive}") Path dir) {
        return new FileSystemArchiveStore(dir);
    }

    @Bean
    DocumentArchive documentArchive(ArchiveStore store) {
        return new DocumentArchive(store);
    }

    /** What the channels call: one archive copy per issued document, the TEG850 signed by the e-私書箱 key. */
    @Bean
    IssuedDocumentArchiver issuedDocumentArchiver(DocumentArchive archive,
                                                  org.springframework.beans.factory.ObjectProvider<jp.kakekin.edelivery.EDeliveryService> eDelivery,
                                                  jp.kakekin.document.CertificateViews views) {
        return new IssuedDocumentArchiver(archive, eDelivery.getIfAvailable(), views.issuer().name());
    }
}
