package jp.kakekin.archive;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client of {@code kakekin.archive.store=s3}: the SDK's standard credentials chain (environment
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, system properties, {@code ~/.aws} profile,
 * web identity, container and instance roles), the configured endpoint, region and addressing; HTTP over
 * the Apache client the SDK brings (the async Netty client is left out of the build).
 */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client client(ArchiveProperties.S3 s3) {
        var builder = S3Client.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(s3.pathStyle())
                // The SDK's default CRC checksums (aws-chunked uploads with trailers) are not understood by
                // every S3-compatible server; the archive checks its own SHA-256 on every read instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .region(region(s3));
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    private static Region region(ArchiveProperties.S3 s3) {
        if (s3.region() != null && !s3.region().isBlank()) {
            return Region.of(s3.region().strip());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            if (s3.endpoint() != null) {
                return Region.US_EAST_1; // what S3-compatible servers sign with unless told otherwise
            }
            throw new IllegalStateException("kakekin.archive.s3.region is not set and the SDK finds none (AWS_REGION)", e);
        }
    }
}
