package jp.kakekin.ledger;

import tools.jackson.core.JacksonException;

import java.util.regex.Pattern;

/**
 * What is wrong with a piece of JSON, in words for the person who wrote it: Jackson's message without
 * its parser internals (the redacted source, byte offsets, character codes).
 */
public final class JsonSyntax {

    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*(at )?\\[Source:[^\\]]*\\]");
    private static final Pattern CHAR_CODE = Pattern.compile(" \\(code \\d+\\)");
    /**
     * The tree's duplicate-key refusal names the Jackson feature that asked for it; worded as the parser's
     * own refusal was (LedgerReader finds duplicates in the tree).
     */
    private static final Pattern DUPLICATE_TREE_KEY = Pattern.compile(
            "^Duplicate property (\".*\") for `ObjectNode`: not allowed when `[^`]*` enabled");

    private JsonSyntax() {
    }

    public static String describe(JacksonException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        m = START_MARKER.matcher(m).replaceAll("");
        m = SOURCE.matcher(m).replaceAll("");
        m = CHAR_CODE.matcher(m).replaceAll("");
        m = DUPLICATE_TREE_KEY.matcher(m).replaceFirst("Duplicate Object property $1");
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
