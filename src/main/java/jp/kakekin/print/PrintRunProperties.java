package jp.kakekin.print;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kakekin.print.*} (docs/print-run.md).
 *
 * @param workers                 partitions of the calculate and print steps, run on as many threads
 *                                (default: the number of processors)
 * @param chunkSize               ledger records per commit of the calculate step; also the length of a
 *                                sort run, so it bounds the memory the in-memory sort needs
 * @param mergeFanIn              sort runs merged at once; more runs are merged in several passes
 * @param keepWorkFiles           keep {@code .print-run/} after a completed run (for inspection)
 * @param initializeSchema        create the Spring Batch tables when the job repository has none
 */
@ConfigurationProperties("kakekin.print")
public record PrintRunProperties(Integer workers, Integer chunkSize, Integer mergeFanIn, Boolean keepWorkFiles,
                                 Boolean initializeSchema) {

    public PrintRunProperties {
        workers = workers != null && workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        chunkSize = chunkSize != null && chunkSize > 0 ? chunkSize : 5_000;
        mergeFanIn = mergeFanIn != null && mergeFanIn >= 2 ? mergeFanIn : 128;
        keepWorkFiles = keepWorkFiles != null && keepWorkFiles;
        initializeSchema = initializeSchema == null || initializeSchema;
    }
}
