package jp.kakekin.print;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** The partitions of the print step: worker p takes batches p+1, p+1+n, p+1+2n, … */
class BatchPartitioner implements Partitioner {

    private final int batches;

    BatchPartitioner(int batches) {
        this.batches = batches;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        int n = Math.max(1, Math.min(gridSize, batches));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putInt(RunKeys.PARTITION, i);
            ctx.putInt(RunKeys.PARTITIONS, n);
            partitions.put("p" + i, ctx);
        }
        return partitions;
    }
}
