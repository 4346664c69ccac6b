package jp.kakekin.synthetic;

import jp.kakekin.ledger.LedgerJson;

import jp.kakekin.calc.AddressCutoff;
import jp.kakekin.calc.HoldCode;
import jp.kakekin.ledger.Ledger;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;

/**
 * Deterministic synthetic ledgers for load tests and demos (docs/generator.md).
 * <p>
 * Record {@code i} of a file depends only on the seed, the year, the export point and {@code i}: it has its
 * own random stream, so the same arguments always give byte-identical output, any record can be produced
 * on its own ({@link #ledger(long)}), and a file of any size is streamed with constant memory.
 */
public final class SyntheticLedgers {

    /** When the file is taken from the operator's system; decides what the ledgers can already show. */
    public enum ExportPoint {
        /** On the November run's address cutoff (second Friday of October of Y): payments up to then, requests pending for Oct–Dec. */
        OCTOBER,
        /** At the end of January of Y+1: the whole of Y and the January transfer of Y+1. */
        JANUARY,
        /** One in five records exported in October, the rest in January. */
        MIXED
    }

    /** Contract numbers are unique up to this many records per file. */
    public static final long MAX_COUNT = 9_000_000L;
    public static final int FIRST_YEAR = 2006;
    public static final int LAST_YEAR = 2098;

    private final long seed;
    private final int year;
    private final ExportPoint exportPoint;
    private final LocalDate october;
    private final LocalDate january;
    private final double heldRate;

    public SyntheticLedgers(long seed, int year, ExportPoint exportPoint) {
        this(seed, year, exportPoint, 0);
    }

    /**
     * @param heldRate the share of records (0 to 1) given a shape RULES.md 1.8 holds ({@link HeldShapes}); the
     *                 others are byte for byte what a rate of 0 gives
     */
    public SyntheticLedgers(long seed, int year, ExportPoint exportPoint, double heldRate) {
        if (!(heldRate >= 0 && heldRate <= 1)) {
            throw new IllegalArgumentException("held rate must be from 0 to 1, was " + heldRate);
        }
        this.heldRate = heldRate;
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("year must be from %d to %d (the holiday calendar covers 2000–2099), was %d"
                    .formatted(FIRST_YEAR, LAST_YEAR, year));
        }
        this.seed = seed;
        this.year = year;
        this.exportPoint = exportPoint;
        this.october = AddressCutoff.november(year);
        this.january = LocalDate.of(year + 1, 1, 31);
    }

    public SyntheticLedgers(long seed, int year) {
        this(seed, year, ExportPoint.MIXED);
    }

    public int year() {
        return year;
    }

    /** The day record {@code index} was exported. */
    public LocalDate exportDate(long index) {
        return switch (exportPoint) {
            case OCTOBER -> october;
            case JANUARY -> january;
            // decided apart from the record's own stream so that switching the export point changes nothing else
            case MIXED -> Math.floorMod(SplitMix.mix(seed ^ 0x5DEECE66DL ^ SplitMix.mix(index)), 5) == 0 ? october : january;
        };
    }

    /** Record {@code index} (0-based) of the file. */
    public Ledger ledger(long index) {
        HeldShapes.Shaped shaped = shaped(index);
        return shaped != null ? shaped.ledger() : plain(index);
    }

    /** The held shape given to record {@code index}, or null when it has none (see {@link HeldShapes}). */
    public HoldCode heldShape(long index) {
        HeldShapes.Shaped shaped = shaped(index);
        return shaped == null ? null : shaped.code();
    }

    private Ledger plain(long index) {
        if (index < 0 || index >= MAX_COUNT) {
            throw new IllegalArgumentException("index must be from 0 to " + (MAX_COUNT - 1) + ", was " + index);
        }
        return new ContractSimulation(seed, index, year, exportDate(index)).run();
    }

    private HeldShapes.Shaped shaped(long index) {
        if (heldRate == 0) {
            return null;
        }
        // decided and drawn apart from the record's own stream, so the other records do not change
        SplitMix rnd = SplitMix.forRecord(seed ^ 0x48454C44L, index);
        if (!rnd.chance(heldRate)) {
            return null;
        }
        return HeldShapes.inject(plain(index), year, exportDate(index), rnd);
    }

    /** Writes records {@code 0..count-1} as JSON Lines (one object per line, '\n' endings). */
    public void writeJsonLines(long count, Writer out) throws IOException {
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be from 0 to " + MAX_COUNT + ", was " + count);
        }
        StringBuilder sb = new StringBuilder(8192);
        for (long i = 0; i < count; i++) {
            sb.setLength(0);
            LedgerJson.append(sb, ledger(i));
            sb.append('\n');
            out.append(sb);
        }
        out.flush();
    }
}
