package jp.kakekin.synthetic;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out here rather than taken from the JDK so that the
 * same seed gives byte-identical ledgers on every JDK, forever: the generator's output is a fixture.
 */
final class SplitMix {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix(long seed) {
        this.state = seed;
    }

    /** An independent stream for record {@code index} of a file generated with {@code seed}. */
    static SplitMix forRecord(long seed, long index) {
        return new SplitMix(mix(mix(seed) + index * GOLDEN));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        return mix(state += GOLDEN);
    }

    /** Uniform in [0, bound). */
    int below(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + below(hi - lo + 1);
    }

    double unit() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return unit() < p;
    }

    <T> T pick(T[] items) {
        return items[below(items.length)];
    }

    int pick(int[] items) {
        return items[below(items.length)];
    }
}
