package jp.kakekin.archive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the sample archive copy shown in docs/archive.md ({@code target/showcase/archive-copy.pdf}):
 * run from the project root with the test classpath, then {@code pdftoppm -png -r 80}. Not a test.
 */
public final class ArchiveShowcase {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/showcase");
        Files.createDirectories(out);
        ArchiveCopyTest.renderAndSign(Files.createTempDirectory("kakekin-showcase-keys"));
        Files.write(out.resolve("archive-copy.pdf"),
                PdfA3.archiveCopy(ArchiveCopyTest.rendered, ArchiveCopyTest.metadata(), new Attachment(
                        "TEG850-" + ArchiveCopyTest.view.uniqueCode().value() + ".xml", "application/xml", "signed TEG850",
                        ArchiveCopyTest.signedXml)));
    }
}
