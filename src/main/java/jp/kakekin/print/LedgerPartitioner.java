package jp.kakekin.print;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partitions of the calculate step: the byte ranges found by the prepare step's scan, one worker
 * each. Names are stable ({@code p0}, {@code p1}, …) so a restart finds each partition's saved position.
 */
class LedgerPartitioner implements Partitioner {

    private final String splits;

    LedgerPartitioner(String splits) {
        this.splits = splits;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        String[] parts = splits.split(";");
        for (int i = 0; i < parts.length; i++) {
            String[] f = parts[i].split(":");
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(RunKeys.PARTITION, "p" + i);
            ctx.putLong(RunKeys.START, Long.parseLong(f[0]));
            ctx.putLong(RunKeys.END, Long.parseLong(f[1]));
            ctx.putLong(RunKeys.FIRST_LINE, Long.parseLong(f[2]));
            partitions.put("p" + i, ctx);
        }
        return partitions;
    }
}
