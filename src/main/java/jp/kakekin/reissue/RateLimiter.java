package jp.kakekin.reissue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding-window limit: at most {@code limit} attempts per key within any {@code window}. Each key keeps
 * the times of its last {@code limit} accepted attempts, so memory is bounded by keys × limit; keys idle
 * for a whole window are dropped when the table grows.
 */
final class RateLimiter {

    private static final int SWEEP_ABOVE = 50_000;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, long[]> attempts = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /**
     * Records an attempt for the key if the limit allows it.
     *
     * @return 0 when allowed, else how many seconds until the oldest attempt leaves the window
     */
    long acquire(String key) {
        long now = clock.millis();
        if (attempts.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        // slot 0 is the ring's next write position; slots 1..limit hold attempt times (0 = unused)
        long[] ring = attempts.computeIfAbsent(key, k -> new long[limit + 1]);
        synchronized (ring) {
            int next = (int) ring[0];
            long oldest = ring[1 + next];
            if (oldest != 0 && now - oldest < windowMillis) {
                return Math.max(1, (oldest + windowMillis - now + 999) / 1000);
            }
            ring[1 + next] = now;
            ring[0] = (next + 1) % limit;
            return 0;
        }
    }

    private void sweep(long now) {
        attempts.entrySet().removeIf(e -> {
            long[] ring = e.getValue();
            synchronized (ring) {
                long newest = ring[1 + (int) ((ring[0] + limit - 1) % limit)];
                return now - newest >= windowMillis;
            }
        });
    }
}
