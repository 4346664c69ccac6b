package jp.kakekin.render;

/**
 * A character of a certificate that no font has: the document is not rendered (never printed with a
 * blank or a tofu box in its place).
 *
 * @see GlyphCheck
 */
public class GlyphMissingException extends CertificateRenderException {

    private final String field;
    private final int codePoint;

    public GlyphMissingException(String contractNo, String field, int codePoint, String text) {
        super(contractNo, "%s contains %s, which no font of fonts/ has (in \"%s\")".formatted(field,
                describe(codePoint), text));
        this.field = field;
        this.codePoint = codePoint;
    }

    /** The field of the view (e.g. {@code holder.name}), or {@code template:<name>} for template text. */
    public String field() {
        return field;
    }

    public int codePoint() {
        return codePoint;
    }

    static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        String hex = "U+%04X".formatted(codePoint);
        boolean visible = !Character.isISOControl(codePoint) && Character.isDefined(codePoint);
        return hex + (visible ? " '" + Character.toString(codePoint) + "'" : "") + (name != null ? " " + name : "");
    }
}
