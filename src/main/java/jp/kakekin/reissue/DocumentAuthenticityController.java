package jp.kakekin.reissue;

import jakarta.servlet.http.HttpServletResponse;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.document.Wareki;
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
 * the token carries and nothing from the ledger — no name, no address.
 */
@Controller
class DocumentAuthenticityController {

    private final ObjectProvider<DocumentTokens> tokens;

    DocumentAuthenticityController(ObjectProvider<DocumentTokens> tokens) {
        this.tokens = tokens;
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
        return "reissue/verify";
    }

    /** What the code says it is: 小規模企業共済掛金控除証明書（令和8年分・11月発行） and the like. */
    static String documentName(UniqueCode code) {
        int year = 2000 + Integer.parseInt(code.value().substring(1, 3));
        String issue = switch (code.value().charAt(3)) {
            case 'N' -> "・11月発行";
            case 'F' -> "・2月発行";
            default -> "";
        };
        String name = code.value().charAt(3) == 'N' || code.value().charAt(3) == 'F'
                ? "小規模企業共済掛金控除証明書" : "経営セーフティ共済の書類";
        return name + "（" + Wareki.year(year) + "分" + issue + "）";
    }
}
