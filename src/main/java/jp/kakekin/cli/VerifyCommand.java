package jp.kakekin.cli;

import jp.kakekin.edelivery.EDeliveryService;
import jp.kakekin.edelivery.PackageVerifier;
import jp.kakekin.edelivery.SigningKeyStore;
import jp.kakekin.ledger.Printable;
import jp.kakekin.edelivery.Teg850Schema;
import jp.kakekin.edelivery.Teg850Verification;
import jp.kakekin.edelivery.Teg850Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verify}: checks TEG850 documents (or a whole delivery ZIP) and prints every check it made. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Validates TEG850 XML against the NTA schema and verifies its XML-DSig signature;",
                "for a delivery ZIP, also the manifest and the counts. Exit status 0 only if everything passes."})
public class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "TEG850 .xml files or delivery .zip packages")
    List<Path> files;

    @Option(names = "--trusted-cert", paramLabel = "CERT",
            description = {"PEM or DER issuer certificate the signer may be, or be issued by (repeatable), besides the",
                    "service's own signing certificate and kakekin.e-delivery.trusted-issuers"})
    List<Path> trustedCerts = new ArrayList<>();

    @Option(names = "--quiet", description = "print only failures and the verdict")
    boolean quiet;

    private final EDeliveryService service;

    public VerifyCommand(EDeliveryService service) {
        this.service = service;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> notes = new ArrayList<>();
        List<X509Certificate> issuers;
        try {
            issuers = new ArrayList<>(service.trustedIssuers(notes::add));
            issuers.addAll(trusted());
        } catch (RuntimeException e) {
            err.println("verify: " + Printable.of(e.getMessage(), Printable.MAX_MESSAGE));
            err.flush();
            return 2;
        }
        if (issuers.isEmpty()) {
            err.println("verify: no trusted issuer certificate to check signatures against: " + String.join("; ", notes)
                    + "; name one with --trusted-cert or kakekin.e-delivery.trusted-issuers");
            err.flush();
            return 2;
        }
        Teg850Verifier verifier = new Teg850Verifier(Teg850Schema.load(), issuers);
        issuers.forEach(c -> o.printf("trusted issuer: %s%n", Teg850Verifier.describe(c)));
        boolean allOk = true;
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".zip")) {
                PackageVerifier.Result r = new PackageVerifier(verifier).verify(f);
                o.printf("%s: delivery package%n", f);
                for (Teg850Verification v : r.documents()) {
                    print(o, v);
                }
                r.checks().forEach(c -> printCheck(o, c));
                o.printf("%s: %s (%d documents)%n", f, r.ok() ? "OK" : "FAILED", r.documents().size());
                allOk &= r.ok();
            } else {
                byte[] xml;
                try {
                    if (Files.size(f) > Teg850Verifier.MAX_DOCUMENT_BYTES) {
                        o.printf("%s: FAILED: %,d bytes: larger than the %,d bytes a TEG850 document may have; not read%n",
                                f, Files.size(f), Teg850Verifier.MAX_DOCUMENT_BYTES);
                        allOk = false;
                        continue;
                    }
                    xml = Files.readAllBytes(f);
                } catch (IOException e) {
                    o.printf("%s: FAILED: cannot read: %s%n", f, e.getMessage());
                    allOk = false;
                    continue;
                }
                Teg850Verification v = verifier.verify(f.toString(), xml);
                print(o, v);
                allOk &= v.ok();
            }
        }
        o.flush();
        return allOk ? 0 : 1;
    }

    private void print(PrintWriter o, Teg850Verification v) {
        if (!quiet || !v.ok()) {
            o.printf("%s:%n", v.source());
            v.checks().forEach(c -> printCheck(o, c));
        }
        o.printf("%s: %s%n", v.source(), v.ok() ? "OK" : "FAILED");
    }

    private void printCheck(PrintWriter o, Teg850Verification.Check c) {
        if (!quiet || !c.ok()) {
            o.printf("  [%s] %s: %s%n", c.ok() ? "ok" : "FAIL", c.name(), Printable.of(c.detail(), 2_000));
        }
    }

    private List<X509Certificate> trusted() {
        return trustedCerts.stream().map(SigningKeyStore::readCertificate).toList();
    }
}
