package jp.kakekin.render;

import org.xhtmlrenderer.context.StyleReference;
import org.xhtmlrenderer.extend.UserAgentCallback;

/**
 * Keeps parsed stylesheets (Flying Saucer's default one and the layouts' certificate.css) between the
 * documents of one pooled renderer. Flying Saucer's default configuration re-reads and re-parses
 * every stylesheet for every document, a third of the work of a certificate; here they are parsed
 * again only when the template cache's time-to-live has passed, so an operator's edit to the CSS
 * shows up as soon as an edit to a template does.
 */
final class CachingStyleReference extends StyleReference {

    private final long ttlMillis;
    private long parsedAt = Long.MIN_VALUE;

    /** @param ttlMillis 0: never keep; negative: keep for the life of the renderer */
    CachingStyleReference(UserAgentCallback userAgent, long ttlMillis) {
        super(userAgent);
        this.ttlMillis = ttlMillis;
    }

    @Override
    public void flushAllStyleSheets() {
        long now = System.currentTimeMillis();
        boolean expired = ttlMillis == 0 || (ttlMillis > 0 && now - parsedAt >= ttlMillis)
                || parsedAt == Long.MIN_VALUE;
        if (expired) {
            super.flushAllStyleSheets();
            parsedAt = now;
        }
    }

    @Override
    public void flushStyleSheets() {
        flushAllStyleSheets();
    }
}
