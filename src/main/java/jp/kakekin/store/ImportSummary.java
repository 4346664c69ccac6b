package jp.kakekin.store;

/** What an import did: every record read is counted once, as imported or as rejected. */
public record ImportSummary(long imported, long rejected) {

    @Override
    public String toString() {
        return "imported %d, rejected %d".formatted(imported, rejected);
    }
}
