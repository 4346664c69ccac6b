package jp.kakekin.edelivery;

/**
 * Keeps what e-私書箱 hands out (docs/archive.md): {@link EDeliveryExporter} calls it once for every signed
 * document it delivers — in a run and in an on-demand export alike, the one place both pass — before the
 * document leaves. The archive module implements it (the signed XML kept as delivered, its SHA-256 in the
 * register of issued documents); an exception stops the export, so nothing is delivered without its copy.
 * Must be thread-safe: a run signs in parallel.
 */
@FunctionalInterface
public interface DeliveryArchive {

    void archive(ExportOutcome.Delivered delivered);

    /** No archive ({@code kakekin.archive.enabled=false}, tests). */
    DeliveryArchive NONE = delivered -> { };
}
