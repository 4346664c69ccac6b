package jp.kakekin.reissue;

import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.Arrays;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Not a test (the name keeps it out of the suite): prints the median time of a form POST with few and with
 * 70,000 tracked contract numbers, for docs/performance.md. Issue #12 item 7 measured 5 → 21 ms with the
 * old limiter, which rescanned every number on each POST.
 *
 * <pre>mvn -B -o -q test -Dtest=ReissueFormRateBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class ReissueFormRateBench {

    @Autowired
    MockMvc mvc;
    @Autowired
    FormRateLimits limits;
    @Autowired
    LedgerImport importer;
    @Autowired
    JdbcClient jdbc;

    private int address;

    @Test
    void postMedianAt70000TrackedNumbers() throws Exception {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
        posts(300); // warm-up
        double few = median(posts(500));
        long cpu0 = cpu();
        for (int i = 0; i < 70_000; i++) {
            limits.contract("172.16." + (i >> 8 & 255) + "." + (i & 255), "%07d%02d".formatted(3_000_000 + i, i % 100));
        }
        double fill = (cpu() - cpu0) / 1e6 / 70_000;
        double many = median(posts(500));
        System.out.printf("reissue form POST median: %.2f ms with few tracked numbers, %.2f ms with 70,000 more "
                + "(filling them: %.3f ms CPU per number)%n", few, many, fill);
    }

    private long[] posts(int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            int a = address++;
            String from = "10.200." + (a >> 8 & 255) + "." + (a & 255);
            long t = System.nanoTime();
            mvc.perform(post("/reissue").with(csrf()).with(r -> {
                        r.setRemoteAddr(from);
                        return r;
                    }).param("contractNumber", "%07d-%02d".formatted(5_000_000 + a, a % 100)).param("name", "鈴木 一郎")
                    .param("birthDate", "1970-04-01").param("phone", "03-1234-5678"))
                    .andExpect(status().isSeeOther());
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
