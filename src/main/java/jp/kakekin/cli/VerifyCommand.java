package jp.kakekin.cli;

import jp.kakekin.edelivery.PackageVerifier;
import jp.kakekin.edelivery.Teg850Schema;
import jp.kakekin.edelivery.Teg850Verification;
import jp.kakekin.edelivery.Teg850Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
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
            description = "PEM or DER certificate the signer must be (repeatable); without it any signer is accepted")
    List<Path> trustedCerts = new ArrayList<>();

    @Option(names = "--quiet", description = "print only failures and the verdict")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Teg850Verifier verifier = new Teg850Verifier(Teg850Schema.load(), trusted());
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
            o.printf("  [%s] %s: %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
        }
    }

    private List<X509Certificate> trusted() {
        List<X509Certificate> certs = new ArrayList<>();
        for (Path p : trustedCerts) {
            try (InputStream in = Files.newInputStream(p)) {
                certs.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --trusted-cert " + p, e);
            } catch (CertificateException e) {
                throw new IllegalArgumentException("--trusted-cert " + p + " is not an X.509 certificate", e);
            }
        }
        return certs;
    }
}
