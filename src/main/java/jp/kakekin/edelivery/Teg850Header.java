package jp.kakekin.edelivery;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The attributes of the TEG850 root element (gen:FormAttribute).
 *
 * @param id         the document's xsd:ID, which the signature's Reference points at ({@code #id})
 * @param sakuseiDay 作成日: the day the XML was produced
 * @param sakuseiNM  作成者名
 * @param softNM     ソフト名
 */
public record Teg850Header(String id, LocalDate sakuseiDay, String sakuseiNM, String softNM) {

    private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

    public Teg850Header {
        if (!NCNAME.matcher(id).matches()) {
            throw new IllegalArgumentException("a TEG850 id must be an XML NCName: " + id);
        }
    }

    /**
     * The id used for a certificate: form name + unique code, so it is unique per document and the same
     * certificate exported twice gets the same id.
     */
    public static String idFor(String uniqueCode) {
        return "TEG850" + uniqueCode;
    }
}
