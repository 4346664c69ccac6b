package jp.kakekin.render;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The six letters OpenPDF puts before the name of an embedded font subset ("ABCDEF+BIZUDMincho").
 * OpenPDF draws them at random, which alone would make two renderings of the same certificate differ.
 * Each font gets one of these as its "random" source: while a PDF is written on a thread it yields a
 * sequence seeded by that PDF's identity and the font, so the prefix is the same on every run, differs
 * between documents and between fonts, and no state is shared between threads.
 */
final class SubsetPrefix extends SecureRandom {

    private static final List<SubsetPrefix> ALL = new CopyOnWriteArrayList<>();

    private final long salt;
    private final transient ThreadLocal<SplittableRandom> current = new ThreadLocal<>();

    SubsetPrefix(String fontFile) {
        this.salt = fontFile.hashCode() * 0x9E3779B97F4A7C15L;
        ALL.add(this);
    }

    /** Seeds every font for the PDF about to be written on this thread. */
    static void seed(byte[] documentId) {
        long seed = ByteBuffer.wrap(documentId).getLong();
        for (SubsetPrefix p : ALL) {
            p.current.set(new SplittableRandom(seed ^ p.salt));
        }
    }

    static void clear() {
        for (SubsetPrefix p : ALL) {
            p.current.remove();
        }
    }

    @Override
    public double nextDouble() {
        SplittableRandom r = current.get();
        return r != null ? r.nextDouble() : ThreadLocalRandom.current().nextDouble();
    }
}
