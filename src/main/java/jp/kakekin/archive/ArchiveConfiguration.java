package jp.kakekin.archive;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The archive of issued documents (docs/archive.md): {@code kakekin.archive.enabled} (default true),
 * {@code kakekin.archive.store} = {@code directory} ({@code kakekin.archive.dir}, default {@code ./data/archive})
 * or {@code s3} ({@code kakekin.archive.s3.*}, an S3-compatible bucket, the SDK's standard credentials).
 * Another {@link ArchiveStore} bean replaces both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kakekin.archive.enabled", havingValue = "true", matchIfMissing = true)
public class ArchiveConfiguration {

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    ArchiveStore archiveStore(ArchiveProperties properties) {
        return store(properties);
    }

    /** The store {@code kakekin.archive.store} names. */
    public static ArchiveStore store(ArchiveProperties properties) {
        return switch (properties.kind()) {
            case DIRECTORY -> new FileSystemArchiveStore(properties.dirOrDefault());
            case S3 -> new S3ArchiveStore(S3Clients.client(properties.s3()), properties.s3().bucket(),
                    properties.s3().prefix());
        };
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

    /** The archive copy of every e-私書箱 export, called by the exporter (docs/archive.md). */
    @Bean
    DeliveredDocumentArchive deliveredDocumentArchive(IssuedDocumentArchiver archiver,
                                                      org.springframework.beans.factory.ObjectProvider<jp.kakekin.store.IssuedDocuments> register,
                                                      jp.kakekin.issuance.JapanClock clock) {
        return new DeliveredDocumentArchive(archiver, register.getIfAvailable(), clock);
    }
}
