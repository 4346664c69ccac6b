package jp.kakekin.print;

import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.calc.WhyWithheld;
import jp.kakekin.ledger.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The external sort: runs written by chunks, merged in one or several passes, cut into batches. */
class ExternalMergeTest {

    @TempDir
    Path dir;

    @Test
    void mergesManyRunsInSeveralPassesIntoOnePostalOrderWithBatchOffsets() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.createDirectories();
        Random r = new Random(3);
        List<IssuedCertificate> all = new ArrayList<>();
        List<Path> chunks = new ArrayList<>();
        int contract = 1_000_000;
        for (int chunk = 0; chunk < 37; chunk++) {
            List<IssuedCertificate> run = new ArrayList<>();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                run.add(certificate(chunk * 100L + i, "%07d".formatted(r.nextInt(50) * 10_000), Integer.toString(contract++),
                        i % 3 == 0 ? null : (long) r.nextInt(900_000)));
            }
            all.addAll(run);
            run.sort(IssuedCertificate.POSTAL_ORDER);
            Path file = folder.chunk("p0", chunk + 1);
            ChunkFile.write(file, new ChunkFile.Header(chunk * 100L, chunk * 100L + 99, n, 0, n, n),
                    run.stream().mapToInt(c -> Integer.parseInt(c.contractNo())).toArray(),
                    run.stream().mapToLong(IssuedCertificate::line).toArray(), run);
            chunks.add(file);
        }

        ExternalMerge.Result result = new ExternalMerge(4, 512).merge(chunks, folder, 25);

        assertThat(result.intermediateRuns()).as("37 runs with fan-in 4 need extra passes").isGreaterThan(9);
        assertThat(result.merged()).isEqualTo(all.size());
        assertThat(result.duplicates()).isZero();
        all.sort(IssuedCertificate.POSTAL_ORDER);
        SortedIndex index = SortedIndex.read(folder.sortedIndex());
        assertThat(index.batches()).isEqualTo((all.size() + 24) / 25);
        List<IssuedCertificate> read = new ArrayList<>();
        for (int b = 1; b <= index.batches(); b++) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(folder.sorted()))) {
                in.skipNBytes(index.offset(b));
                for (int i = 0; i < index.size(b); i++) {
                    read.add(IssuedCertificateCodec.read(in));
                }
            }
        }
        assertThat(read).isEqualTo(all);
        try (var left = Files.list(folder.sortDir())) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("intermediate runs are removed").containsExactly("duplicates.csv", "sorted.bin", "sorted.idx");
        }
    }

    @Test
    void aContractNumberOnSeveralValidLinesIsPrintedFromTheFirstOnly() throws Exception {
        RunFolder folder = new RunFolder(dir);
        folder.createDirectories();
        IssuedCertificate a = certificate(1, "1000001", "1234567", 1000L);
        IssuedCertificate b = certificate(2, "1000002", "2345678", 1000L);
        IssuedCertificate a2 = certificate(9, "9000000", "1234567", 1000L);
        IssuedCertificate c3 = certificate(12, "1000003", "3456789", 1000L);
        Path c1 = folder.chunk("p0", 1);
        ChunkFile.write(c1, new ChunkFile.Header(1, 2, 2, 0, 2, 2), new int[] {1234567, 2345678}, new long[] {1, 2},
                List.of(a, b));
        Path c2 = folder.chunk("p1", 1);
        // Line 8: 3456789, valid but not issued; line 9: 1234567 again; line 12: 3456789 again, issued.
        ChunkFile.write(c2, new ChunkFile.Header(8, 12, 3, 1, 3, 2), new int[] {3456789, 1234567, 3456789},
                new long[] {8, 9, 12}, List.of(c3, a2));

        ExternalMerge.Result result = new ExternalMerge(8, 512).merge(List.of(c1, c2), folder, 10);

        assertThat(result.merged()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(2);
        List<String> dups = Files.readAllLines(folder.duplicates(), StandardCharsets.UTF_8);
        assertThat(dups).hasSize(2).allMatch(l -> l.contains("DUPLICATE_CONTRACT"));
        assertThat(dups).anyMatch(l -> l.startsWith("9,1234567,") && l.contains("on line 1;"))
                .anyMatch(l -> l.startsWith("12,3456789,") && l.contains("on line 8;"));
    }

    @Test
    void theCodecKeepsEveryFieldTheManifestAndTheRendererUse() throws Exception {
        IssuedCertificate c = new IssuedCertificate(42, "89", "髙橋 太郎", new CertificateFigures(
                DocumentKind.FEBRUARY_CERTIFICATE, 2026, "1234567", true, 30_000, 360_000, 0, 945, null,
                Set.of(WhyWithheld.ARREARS, WhyWithheld.PREPAYMENT_OVER_ONE_YEAR),
                new Address(LocalDate.of(2020, 3, 1), "1000013", "東京都千代田区霞が関一丁目3番1号", "𠮷野ビル"),
                LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 8)));
        var bytes = new java.io.ByteArrayOutputStream();
        IssuedCertificateCodec.write(new java.io.DataOutputStream(bytes), c);
        IssuedCertificate back = IssuedCertificateCodec.read(new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back).isEqualTo(c);
        assertThat(back.uniqueCode().value()).startsWith("K26F123456789");
    }

    private static IssuedCertificate certificate(long line, String postal, String contractNo, Long deduction) {
        return new IssuedCertificate(line, "00", "氏名", new CertificateFigures(DocumentKind.NOVEMBER_CERTIFICATE, 2026,
                contractNo, true, 10_000, 90_000, 30_000, 0, deduction,
                deduction == null ? Set.of(WhyWithheld.ARREARS) : Set.of(),
                new Address(LocalDate.of(2015, 4, 1), postal, "住所", ""), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 9)));
    }
}
