package jp.kakekin.reissue;

import jp.kakekin.store.HolderIdentity;
import jp.kakekin.store.HolderKeys;
import org.springframework.validation.Errors;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A well-formed reissue request: the form's fields checked and normalised (RULES.md 1.7: 共済契約者番号
 * of 7 digits + 2-digit CD, 氏名, 生年月日, 連絡先電話番号). The Japanese messages of the form live here.
 */
record HolderClaim(String contractNo, String checkDigits, String nameKey, LocalDate birthDate, String phoneDigits) {

    static final int MAX_NAME = 100;

    private static final Pattern NUMBER = Pattern.compile("(\\d{7})-?(\\d{2})");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?|(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern PHONE = Pattern.compile("0\\d{9,10}");

    /** Checks the form; returns the claim when every field is well formed, else null with {@code errors} filled. */
    static HolderClaim check(ReissueForm form, Errors errors, LocalDate today) {
        String number = contractNumber(form.getContractNumber());
        Matcher n = number == null ? null : NUMBER.matcher(number);
        if (number == null || number.isEmpty()) {
            errors.rejectValue("contractNumber", "required", "共済契約者番号を入力してください。");
        } else if (!n.matches()) {
            errors.rejectValue("contractNumber", "format",
                    "共済契約者番号は数字9桁（7桁の番号と2桁の数字。例：1234567-89）で入力してください。");
        }
        String name = form.getName() == null ? "" : form.getName().strip();
        if (HolderKeys.name(name).isEmpty()) {
            errors.rejectValue("name", "required", "氏名を入力してください。");
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            errors.rejectValue("name", "length", "氏名は" + MAX_NAME + "文字以内で入力してください。");
        }
        LocalDate birth = birthDate(form.getBirthDate());
        if (isBlank(form.getBirthDate())) {
            errors.rejectValue("birthDate", "required", "生年月日を入力してください。");
        } else if (birth == null) {
            errors.rejectValue("birthDate", "format",
                    "生年月日は西暦で、例のように入力してください（例：1970-04-01）。");
        } else if (birth.isAfter(today) || birth.getYear() < 1900) {
            errors.rejectValue("birthDate", "range", "生年月日を正しく入力してください。");
        }
        String phone = HolderKeys.phone(form.getPhone());
        if (isBlank(form.getPhone())) {
            errors.rejectValue("phone", "required", "連絡先電話番号を入力してください。");
        } else if (!PHONE.matcher(phone).matches() || !onlyPhoneCharacters(form.getPhone())) {
            errors.rejectValue("phone", "format",
                    "連絡先電話番号は、市外局番から数字10桁または11桁で入力してください（例：03-1234-5678）。");
        }
        if (errors.hasErrors()) {
            return null;
        }
        return new HolderClaim(n.group(1), n.group(2), HolderKeys.name(name), birth, phone);
    }

    /** The contract number as digits and at most one hyphen, whatever width or dash the holder typed. */
    static String contractNumber(String typed) {
        if (typed == null) {
            return null;
        }
        String s = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip()
                .replaceAll("[\\s]", "")
                .replaceAll("[‐‑‒–—―−ー－]", "-");
        return s;
    }

    /** Same holder: number and CD, name (kanji or kana reading), birth date and phone all match. */
    boolean matches(HolderIdentity id) {
        return id.contractNo().equals(contractNo)
                && id.checkDigits().equals(checkDigits)
                && (nameKey.equals(id.nameKey()) || nameKey.equals(id.kanaKey()))
                && birthDate.equals(id.birthDate())
                && phoneDigits.equals(id.phoneDigits());
    }

    private static LocalDate birthDate(String typed) {
        if (isBlank(typed)) {
            return null;
        }
        Matcher m = DATE.matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().replace(" ", ""));
        if (!m.matches()) {
            return null;
        }
        try {
            return m.group(1) != null
                    ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    : LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean onlyPhoneCharacters(String typed) {
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip()
                .matches("\\+?[0-9()\\-‐‑‒–—―−ー－\\s]+");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "HolderClaim[personal data withheld]";
    }
}
