package jp.kakekin.edelivery;

import jakarta.servlet.http.HttpServletResponse;
import jp.kakekin.document.Wareki;
import jp.kakekin.document.Yen;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * The public page where anyone holding an e-私書箱 certificate (TEG850 XML) — typically an employer
 * checking what an employee handed in for 年末調整 — drops the file and is told either "signed by the
 * issuer, figures: …" or exactly what is wrong, check by check (docs/verify.md). The checks are the
 * {@code verify} command's ({@link Teg850Verifier}); the signer must be one of the issuers the service
 * trusts (its e-私書箱 signing certificate and {@code kakekin.e-delivery.trusted-issuers}), so an XML signed
 * by anyone else does not pass. Nothing personal is shown:
 * the figures, the year, the dates and the unique code; not the name, not the address.
 */
@Controller
class XmlVerificationController {

    /** Larger than any TEG850 document (a few KB); {@code spring.servlet.multipart.max-file-size} says the same. */
    static final DataSize MAX_UPLOAD = DataSize.ofKilobytes(64);

    private final ObjectProvider<EDeliveryService> eDelivery;

    XmlVerificationController(ObjectProvider<EDeliveryService> eDelivery) {
        this.eDelivery = eDelivery;
    }

    @GetMapping("/verify/xml")
    String form() {
        return "reissue/verify-xml";
    }

    @PostMapping("/verify/xml")
    String verify(@RequestParam(name = "xml", required = false) MultipartFile file, Model model,
                  HttpServletResponse response) throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", "ファイルが選択されていません。e-私書箱で受け取ったXMLファイルを選んでください。");
            return "reissue/verify-xml";
        }
        if (file.getSize() > MAX_UPLOAD.toBytes()) {
            return tooLarge(model, response);
        }
        Teg850Verification v = verifier().verify(safeName(file.getOriginalFilename()), file.getBytes());
        model.addAttribute("fileName", safeName(file.getOriginalFilename()));
        model.addAttribute("ok", v.ok());
        model.addAttribute("failures", Line.of(v.failures()));
        model.addAttribute("checks", Line.of(v.checks()));
        if (v.ok() && v.certificate() != null) {
            model.addAttribute("figures", Figures.of(v.certificate()));
        } else {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "reissue/verify-xml";
    }

    /** Trusts the issuers the service trusts: its own signing certificate and kakekin.e-delivery.trusted-issuers. */
    private Teg850Verifier verifier() {
        EDeliveryService service = eDelivery.getObject();
        X509Certificate own = service.exporter().signer().key().certificate();
        Set<X509Certificate> issuers = new java.util.HashSet<>(service.trustedIssuers(note -> { }));
        issuers.add(own);
        return new Teg850Verifier(Teg850Schema.load(), issuers);
    }

    static String tooLarge(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        model.addAttribute("problem", "ファイルが大きすぎます（上限 " + MAX_UPLOAD.toKilobytes()
                + " KB）。e-私書箱の控除証明書のXMLファイル（数KB）を選んでください。");
        return "reissue/verify-xml";
    }

    /** The file name as the browser sent it, for display only: no path, at most 100 characters. */
    private static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "アップロードされたファイル";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.length() > 100 ? base.substring(0, 100) : base;
    }

    /** What the XML certifies, as the paper certificate prints it; no name, no address. */
    record Figures(String yearLabel, String uniqueCode, String certifiedOn, String monthlyPremium, String paid,
                   String paidPeriod, String scheduled, String scheduledPeriod, String discount, String deduction) {

        static Figures of(Teg850Certificate c) {
            return new Figures(Wareki.year(c.certificateYear()) + "分", c.uniqueCode(), Wareki.date(c.certifiedOn()),
                    Yen.format(c.monthlyPremium()), Yen.format(c.paid()), "1月〜" + c.paidThroughMonth() + "月",
                    c.hasSchedule() ? Yen.format(c.scheduled()) : null,
                    c.hasSchedule() ? c.scheduledFromMonth() + "月〜" + c.scheduledToMonth() + "月" : null,
                    Yen.format(c.discount()), Yen.format(c.deduction()));
        }
    }

    /**
     * An upload over {@code spring.servlet.multipart.max-file-size} is refused while the request is read,
     * before any controller: answer it with the page and a line, not an error page with a stack trace.
     */
    @ControllerAdvice
    static class UploadLimit {
        @ExceptionHandler(MaxUploadSizeExceededException.class)
        String tooLarge(Model model, HttpServletResponse response) {
            return XmlVerificationController.tooLarge(model, response);
        }
    }

    /** A check as the page lists it: what was checked, in the reader's words, and the verifier's detail. */
    record Line(String label, boolean ok, String detail) {
        static List<Line> of(List<Teg850Verification.Check> checks) {
            return checks.stream().map(c -> new Line(LABELS.getOrDefault(c.name(), c.name()), c.ok(), c.detail())).toList();
        }
    }

    private static final java.util.Map<String, String> LABELS = java.util.Map.of(
            "well-formed XML", "XMLとして読めるか",
            "root element", "控除証明書（TEG850）の書式か",
            "schema kyotsu/TEG850-001.xsd", "国税庁の様式（スキーマ）どおりか",
            "content", "記載事項",
            "signature layout", "電子署名の形式",
            "reference digest (content unchanged since signing)", "署名の後に書き換えられていないか",
            "signature value (RSA-SHA256 by the certificate's key)", "署名値が正しいか",
            "signer certificate", "署名者の証明書が作成日に有効か",
            "trusted signer", "発行者（当機構）の署名か",
            "trusted issuer", "発行者（当機構）の署名か");
}
