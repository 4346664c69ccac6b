package jp.kakekin.edelivery;

/** Names of the TEG850 form: namespaces, version, the stylesheet its viewers apply. */
public final class Teg850 {

    public static final String NS = "http://xml.e-tax.nta.go.jp/XSD/kyotsu";
    public static final String GEN = "http://xml.e-tax.nta.go.jp/XSD/general";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    public static final String ROOT = "TEG850";
    public static final String VERSION = "1.0";
    /** Mirrors the processing instruction of the signed TEG840 sample ({@code CMTEG840-001.xsl}). */
    public static final String STYLESHEET = "CMTEG850-001.xsl";

    private Teg850() {
    }
}
