package jp.kakekin.cli;

import jp.kakekin.calc.Calculator;
import jp.kakekin.calc.CertificateFigures;
import jp.kakekin.calc.DocumentKind;
import jp.kakekin.ledger.LedgerReader;
import jp.kakekin.ledger.LedgerRecord;
import jp.kakekin.ledger.Scheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench-reissue}: a closed-loop load generator for the operator reissue endpoint of a running
 * service (docs/performance.md). Each client sends one request at a time over its own connection,
 * cycling through the contracts of the ledger the service imported that have a November certificate for
 * the year (so every request should print a PDF); with enough of them no contract nears the 99-reissue
 * limit. Prints throughput and latency percentiles of the measured period (after a warm-up).
 */
@Command(name = "bench-reissue", mixinStandardHelpOptions = true,
        description = "Measures GET /api/v1/contracts/{no}/certificates/{year} of a running service: req/s, p50/p99.")
public class BenchReissueCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "service base URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--user", defaultValue = "operator", description = "operator name (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", defaultValue = "operator", description = "operator password (default: ${DEFAULT-VALUE})")
    String password;

    @Option(names = "--input", required = true, description = "the ledger the service imported; its SHOKIBO contracts are used")
    Path input;

    @Option(names = "--year", required = true, description = "certificate year to reissue")
    int year;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds before measuring (default: ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--duration", defaultValue = "30", description = "seconds measured (default: ${DEFAULT-VALUE})")
    int durationSeconds;

    private final Calculator calculator;

    public BenchReissueCommand(Calculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public Integer call() throws Exception {
        List<String> contracts = new ArrayList<>();
        try (LedgerReader reader = LedgerReader.open(input)) {
            while (reader.hasNext()) {
                if (reader.next() instanceof LedgerRecord.Valid v && v.ledger().scheme() == Scheme.SHOKIBO
                        && calculator.calculate(DocumentKind.NOVEMBER_CERTIFICATE, v.ledger(), year)
                        instanceof CertificateFigures f && f.issued()) {
                    contracts.add(v.ledger().contractNo());
                }
            }
        }
        if (contracts.isEmpty()) {
            System.err.println("bench-reissue: no contract in " + input + " has a November certificate for " + year);
            return 1;
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmupSeconds).toNanos();
        long measureTo = measureFrom + Duration.ofSeconds(durationSeconds).toNanos();
        List<Client> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client c = new Client(contracts, next, auth, measureFrom, measureTo);
            running.add(c);
            c.thread.start();
        }
        for (Client c : running) {
            c.thread.join();
        }
        for (Client c : running) {
            if (c.failure != null) {
                System.err.println("bench-reissue: a client failed: " + c.failure);
                return 1;
            }
        }
        long[] latencies = running.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long bytes = 0;
        long all = 0;
        for (Client c : running) {
            c.statuses.forEach((k, v) -> statuses.merge(k, v, Integer::sum));
            bytes += c.bytes;
            all += c.sent;
        }
        double seconds = durationSeconds;
        System.out.printf("bench-reissue: %s, year %d, %d clients, %d contracts, warm-up %ds, measured %ds%n",
                url, year, clients, contracts.size(), warmupSeconds, durationSeconds);
        System.out.printf("  requests %d (%.1f req/s), statuses %s, mean PDF %.1f KB; %d sent in all, warm-up included%n",
                latencies.length, latencies.length / seconds, statuses,
                latencies.length == 0 ? 0.0 : bytes / 1024.0 / latencies.length, all);
        if (latencies.length > 0) {
            System.out.printf("  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", ms(latencies, 0.50),
                    ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
        }
        return statuses.keySet().stream().allMatch(s -> s == 200) ? 0 : 2;
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private final class Client implements Runnable {
        final Thread thread = new Thread(this, "bench-client");
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final List<String> contracts;
        final AtomicInteger next;
        final String auth;
        final long measureFrom;
        final long measureTo;
        final Map<Integer, Integer> statuses = new TreeMap<>();
        volatile Exception failure;
        long[] latencies = new long[1 << 14];
        int count;
        long bytes;
        long sent;

        Client(List<String> contracts, AtomicInteger next, String auth, long measureFrom, long measureTo) {
            this.contracts = contracts;
            this.next = next;
            this.auth = auth;
            this.measureFrom = measureFrom;
            this.measureTo = measureTo;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    String contract = contracts.get(Math.floorMod(next.getAndIncrement(), contracts.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/contracts/" + contract
                            + "/certificates/" + year)).header("Authorization", auth).GET().build();
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        return;
                    }
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long t1 = System.nanoTime();
                    sent++;
                    if (t0 >= measureFrom && t1 <= measureTo) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = t1 - t0;
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        bytes += response.body().length;
                    }
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                http.close();
            }
        }
    }
}
