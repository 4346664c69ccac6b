package jp.kakekin.print;

import jp.kakekin.batch.InputScan;
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
        java.util.List<InputScan.Split> parts = InputScan.Split.parse(splits);
        for (int i = 0; i < parts.size(); i++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putString(RunKeys.PARTITION, "p" + i);
            ctx.putLong(RunKeys.START, parts.get(i).start());
            ctx.putLong(RunKeys.END, parts.get(i).end());
            ctx.putLong(RunKeys.FIRST_LINE, parts.get(i).firstLine());
            partitions.put("p" + i, ctx);
        }
        return partitions;
    }
}
