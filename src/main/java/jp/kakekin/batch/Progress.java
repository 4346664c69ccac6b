package jp.kakekin.batch;

/** Where a partition's reader counts its items, for a run's live progress line and metrics. */
public interface Progress {

    /** Items done by earlier executions of the partition (restored on restart). */
    void resume(long n);

    /** Items done now. */
    void add(long n);
}
