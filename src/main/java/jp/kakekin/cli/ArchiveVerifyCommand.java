package jp.kakekin.cli;

import jp.kakekin.archive.ArchiveStore;
import jp.kakekin.archive.PdfA3;
import jp.kakekin.document.DocumentNames;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.Teg850Verification;
import jp.kakekin.edelivery.Teg850Verifier;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import org.springframework.beans.factory.ObjectProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code archive-verify}: proves that a file is the archive copy of an issued document (docs/archive.md):
 * its SHA-256 must be the one the issue register recorded for the document; the signed TEG850 XML
 * inside, if any, must verify against the issuers the service trusts.
 */
@Command(name = "archive-verify", mixinStandardHelpOptions = true,
        description = {"Checks that archive copies (PDF/A-3b, or the signed TEG850 XML of an e-私書箱 export) are the",
                "documents issued: SHA-256 as recorded in the register of issued documents, TEG850 signature valid.",
                "Exit status 0 only if every file passes."})
public class ArchiveVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "archive copies (.pdf, .xml)")
    List<Path> files = List.of();

    @picocli.CommandLine.Option(names = "--code", paramLabel = "CODE",
            description = "verify every archive copy the register records for this unique code, read from the"
                    + " configured archive (kakekin.archive.store: the directory or the S3 bucket); repeatable")
    List<String> codes = List.of();


    private final ObjectProvider<IssuedDocuments> register;
    private final ObjectProvider<EDeliveryService> eDelivery;
    private final ObjectProvider<ArchiveStore> store;

    public ArchiveVerifyCommand(ObjectProvider<IssuedDocuments> register, ObjectProvider<EDeliveryService> eDelivery,
                                ObjectProvider<ArchiveStore> store) {
        this.register = register;
        this.eDelivery = eDelivery;
        this.store = store;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        IssuedDocuments documents = register.getIfAvailable();
        if (documents == null) {
            spec.commandLine().getErr().println("archive-verify: no issue register (the store) is configured");
            return 2;
        }
        if (files.isEmpty() && codes.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give FILE… or --code CODE");
        }
        ArchiveStore archive = codes.isEmpty() ? null : store.getIfAvailable();
        if (!codes.isEmpty() && archive == null) {
            spec.commandLine().getErr().println("archive-verify: --code needs the archive (kakekin.archive.enabled=false)");
            return 2;
        }
        boolean allOk = true;
        for (Path f : files) {
            allOk &= verify(o, documents, f);
        }
        for (String code : codes) {
            allOk &= verifyStored(o, documents, archive, code);
        }
        o.flush();
        return allOk ? 0 : 1;
    }

    private boolean verify(PrintWriter o, IssuedDocuments documents, Path f) {
        byte[] bytes;
        try {
            if (Files.size(f) > ArchiveStore.MAX_COPY_BYTES) {
                o.printf("%s: FAILED: %d bytes, more than an archive copy may (%d)%n", f, Files.size(f),
                        ArchiveStore.MAX_COPY_BYTES);
                return false;
            }
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            o.printf("%s: FAILED: cannot read: %s%n", f, e.getMessage());
            return false;
        }
        return verify(o, documents, f.toString(), f.getFileName().toString(), bytes);
    }

    /** Every archive copy the register records for a code, read back from the configured store. */
    private boolean verifyStored(PrintWriter o, IssuedDocuments documents, ArchiveStore store, String value) {
        if (!UniqueCode.isValid(value)) {
            o.printf("%s: FAILED: not a unique code%n", value);
            return false;
        }
        UniqueCode code = new UniqueCode(value);
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        documents.archiveOf(code).ifPresent(e -> keys.add(e.key()));
        documents.copiesOf(code).forEach(c -> keys.add(c.key()));
        if (keys.isEmpty()) {
            o.printf("%s: FAILED: the register records no archive copy of it%n", value);
            return false;
        }
        boolean ok = true;
        for (String key : keys) {
            String where = store.locate(key);
            Optional<byte[]> bytes;
            try {
                bytes = store.get(key);
            } catch (RuntimeException e) {
                o.printf("%s: FAILED: %s%n", where, e.getMessage());
                ok = false;
                continue;
            }
            if (bytes.isEmpty()) {
                o.printf("%s: FAILED: recorded in the register but not in the archive%n", where);
                ok = false;
                continue;
            }
            ok &= verify(o, documents, where, key.substring(key.lastIndexOf('/') + 1), bytes.get());
        }
        return ok;
    }

    private boolean verify(PrintWriter o, IssuedDocuments documents, String f, String fileName, byte[] bytes) {
        String sha = PdfA3.sha256Hex(bytes);
        Optional<IssuedDocument> issued = documents.byArchiveSha256(sha);
        Optional<IssuedDocuments.ArchivedCopy> copy = issued.isPresent() ? Optional.empty() : documents.copyBySha256(sha);
        if (copy.isPresent()) {
            return verifyCopy(o, f, fileName, bytes, copy.get());
        }
        if (issued.isEmpty() && looksLikeXml(bytes)) {
            o.printf("%s: FAILED: SHA-256 %s is in no issue record: not an e-私書箱 export kakekin archived (altered, or never delivered)%n",
                    f, sha);
            return false;
        }
        if (issued.isEmpty()) {
            String claimed;
            try {
                claimed = PdfA3.property(bytes, "UniqueCode");
            } catch (IllegalArgumentException e) {
                o.printf("%s: FAILED: not a PDF kakekin archived (%s); SHA-256 %s is in no issue record%n", f, e.getMessage(), sha);
                return false;
            }
            Optional<IssuedDocuments.ArchiveEntry> entry = claimed == null || claimed.isEmpty() ? Optional.empty()
                    : documents.archiveOf(new UniqueCode(claimed));
            if (entry.isPresent()) {
                o.printf("%s: FAILED: says it is %s, but its SHA-256 %s is not the %s recorded when it was issued:"
                        + " this is not the copy issued (altered, or another copy)%n", f, claimed, sha, entry.get().sha256());
            } else {
                o.printf("%s: FAILED: SHA-256 %s is in no issue record%s%n", f, sha,
                        claimed == null || claimed.isEmpty() ? "" : " (it says it is " + claimed + ", which has no archive copy recorded)");
            }
            return false;
        }
        IssuedDocument d = issued.get();
        o.printf("%s: OK: the archive copy of %s, %s, issued %s by %s (SHA-256 %s)%n", f, d.code().value(),
                DocumentNames.of(d.code()), d.issuedAt(), d.run(), sha);
        boolean ok = true;
        for (Map.Entry<String, byte[]> xml : PdfA3.attachments(bytes).entrySet()) {
            Teg850Verification v = verifier().verify(xml.getKey(), xml.getValue());
            o.printf("  embedded %s: %s%n", xml.getKey(), v.ok() ? "signature OK" : "FAILED");
            for (Teg850Verification.Check c : v.failures()) {
                o.printf("    [FAIL] %s: %s%n", c.name(), c.detail());
            }
            ok &= v.ok();
        }
        return ok;
    }

    /** A copy handed out under a code already issued (docs/archive.md): a statement on request, an e-私書箱 export. */
    private boolean verifyCopy(PrintWriter o, String f, String fileName, byte[] bytes, IssuedDocuments.ArchivedCopy c) {
        o.printf("%s: OK: the archive copy of %s, %s, handed out %s by %s (SHA-256 %s)%n", f, c.code().value(),
                DocumentNames.of(c.code()), c.issuedAt(), c.channel(), c.sha256());
        boolean ok = true;
        Map<String, byte[]> signed = "application/xml".equals(c.mediaType())
                ? Map.of(fileName, bytes) : PdfA3.attachments(bytes);
        for (Map.Entry<String, byte[]> xml : signed.entrySet()) {
            Teg850Verification v = verifier().verify(xml.getKey(), xml.getValue());
            o.printf("  %s %s: %s%n", "application/xml".equals(c.mediaType()) ? "signed XML" : "embedded", xml.getKey(),
                    v.ok() ? "signature OK" : "FAILED");
            for (Teg850Verification.Check check : v.failures()) {
                o.printf("    [FAIL] %s: %s%n", check.name(), check.detail());
            }
            ok &= v.ok();
        }
        return ok;
    }

    private static boolean looksLikeXml(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        return i < bytes.length && bytes[i] == '<';
    }

    private Teg850Verifier verifier() {
        EDeliveryService service = eDelivery.getObject();
        List<X509Certificate> issuers = new ArrayList<>(service.trustedIssuers(note -> { }));
        return new Teg850Verifier(issuers);
    }
}
