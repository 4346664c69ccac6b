package jp.kakekin.reissue;

import jakarta.servlet.http.HttpServletResponse;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Wareki;
import jp.kakekin.document.Yen;
import jp.kakekin.store.IssuedDocument;
import jp.kakekin.store.IssuedDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Optional;

/**
 * The certificate-authenticity page: the QR token of a certificate (docs/certificate-pdf.md) resolves to
 * "this document was issued on … with unique code …". The token is authenticated encryption under the
 * service's key, so a token that verifies was minted by kakekin for that document; the page shows what
 * the token carries and, for a certificate, the figures printed on it as the issue register recorded them
 * (掛金月額, 済額, 予定額, 前納減額金, 控除額), so a reader can see that the paper in front of them has not been
 * altered — and nothing from the ledger: no name, no address (docs/verify.md).
 */
@Controller
class DocumentAuthenticityController {

    private final ObjectProvider<DocumentTokens> tokens;
    private final ObjectProvider<IssuedDocuments> register;
    private final JsonMapper json;

    DocumentAuthenticityController(ObjectProvider<DocumentTokens> tokens, ObjectProvider<IssuedDocuments> register,
                                   JsonMapper json) {
        this.tokens = tokens;
        this.register = register;
        this.json = json;
    }

    @GetMapping("/verify")
    String verify(@RequestParam(name = "t", required = false) String token, Model model, HttpServletResponse response) {
        Optional<DocumentReference> reference = token == null ? Optional.empty() : tokens.getObject().verify(token);
        if (reference.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "reissue/verify-unknown";
        }
        UniqueCode code = reference.get().uniqueCode();
        model.addAttribute("issuedOn", Wareki.date(reference.get().issuedOn()));
        model.addAttribute("uniqueCode", code.value());
        model.addAttribute("document", documentName(code));
        model.addAttribute("reissue", code.sequence() > 0);
        model.addAttribute("originalCode", code.original().value());
        boolean certificate = code.value().charAt(3) == 'N' || code.value().charAt(3) == 'F';
        model.addAttribute("certificate", certificate);
        if (certificate) {
            IssuedDocuments documents = register.getIfAvailable();
            Optional<IssuedDocument> issued = documents == null ? Optional.empty() : documents.byCode(code);
            model.addAttribute("figures", issued.map(d -> PrintedFigures.of(json.readTree(d.figuresJson()), code.value().charAt(3) == 'N'))
                    .orElse(null));
        }
        return "reissue/verify";
    }

    /**
     * The amounts a certificate printed, formatted as printed ({@code 360,000円}, {@code ****} for a withheld
     * 控除額); {@code scheduled} is null on a February certificate, which has no 予定額.
     */
    record PrintedFigures(String monthlyPremium, String paid, String scheduled, String discountPaid, String deduction) {

        static PrintedFigures of(JsonNode f, boolean november) {
            return new PrintedFigures(yen(f, "monthlyPremium"), yen(f, "paid"), november ? yen(f, "scheduled") : null,
                    yen(f, "discountPaid"), f.path("deduction").isNumber() ? Yen.format(f.get("deduction").asLong()) : Yen.WITHHELD);
        }

        private static String yen(JsonNode f, String field) {
            return Yen.format(f.path(field).asLong());
        }
    }

    /** What the code says it is: 小規模企業共済掛金控除証明書（令和8年分・11月発行） and the like. */
    static String documentName(UniqueCode code) {
        return jp.kakekin.document.DocumentNames.of(code);
    }
}
