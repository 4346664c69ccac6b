package jp.kakekin.reissue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.kakekin.document.DocumentTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The public reissue form (docs/reissue.md). After a well-formed submission the visitor is redirected to
 * the same confirmation whatever matched, so the site cannot be used to find out which contract numbers
 * exist; nothing typed ever appears in a URL or a log.
 */
@Controller
@RequestMapping("/reissue")
class ReissueFormController {

    static final String FORM = "reissue/form";

    private final ReissueDesk desk;
    private final FormRateLimits limits;
    private final IssueCalendar calendar;
    private final ObjectProvider<DocumentTokens> tokens;

    ReissueFormController(ReissueDesk desk, FormRateLimits limits, IssueCalendar calendar,
                          ObjectProvider<DocumentTokens> tokens) {
        this.desk = desk;
        this.limits = limits;
        this.calendar = calendar;
        this.tokens = tokens;
    }

    /**
     * The form; opened from a certificate's QR code ({@code ?t=<token>}) it comes with the contract number
     * filled in and a link to the authenticity page. A token that does not verify is ignored.
     */
    @GetMapping
    String form(@ModelAttribute("form") ReissueForm form, @RequestParam(name = "t", required = false) String token,
                Model model) {
        if (token != null) {
            tokens.getObject().verify(token).ifPresent(reference -> {
                String code = reference.uniqueCode().value();
                // K yy L nnnnnnn cc ss X: the 7-digit number and its check digits, as the holder would type them
                form.setContractNumber(code.substring(4, 11) + "-" + code.substring(11, 13));
                model.addAttribute("verifyToken", token);
            });
        }
        return FORM;
    }

    @PostMapping
    Object submit(@ModelAttribute("form") ReissueForm form, BindingResult errors, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        long wait = limits.client(request.getRemoteAddr());
        if (wait > 0) {
            return tooMany(response, wait, model);
        }
        HolderClaim claim = HolderClaim.check(form, errors, calendar.today());
        if (claim == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return FORM;
        }
        wait = limits.contract(request.getRemoteAddr(), claim.contractNo() + claim.checkDigits());
        if (wait > 0) {
            return tooMany(response, wait, model);
        }
        desk.file(claim);
        RedirectView accepted = new RedirectView("/reissue/accepted", true);
        accepted.setStatusCode(HttpStatus.SEE_OTHER);
        return accepted;
    }

    @GetMapping("/accepted")
    String accepted() {
        return "reissue/accepted";
    }

    private static String tooMany(HttpServletResponse response, long seconds, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        model.addAttribute("wait", seconds >= 3600 ? "約" + (seconds + 3599) / 3600 + "時間"
                : "約" + Math.max(1, (seconds + 59) / 60) + "分");
        return "reissue/too-many";
    }
}
