package jp.kakekin.render;

import org.xhtmlrenderer.css.sheet.StylesheetInfo;
import org.xhtmlrenderer.simple.extend.XhtmlNamespaceHandler;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * XHTML as Flying Saucer reads it, with a short user-agent stylesheet of our own
 * ({@code user-agent.css} next to this class) instead of Flying Saucer's: style matching is a large
 * part of laying out a certificate, and every rule of the default sheet is matched against every element.
 */
final class CertificateNamespaceHandler extends XhtmlNamespaceHandler {

    private static final StylesheetInfo USER_AGENT = new StylesheetInfo(StylesheetInfo.Origin.USER_AGENT,
            Objects.requireNonNull(CertificateNamespaceHandler.class.getResource("user-agent.css")).toExternalForm(),
            List.of("all"), null);

    @Override
    public Optional<StylesheetInfo> getDefaultStylesheet() {
        return Optional.of(USER_AGENT);
    }
}
