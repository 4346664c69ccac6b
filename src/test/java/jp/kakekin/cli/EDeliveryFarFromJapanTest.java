package jp.kakekin.cli;

import jp.kakekin.Main;
import jp.kakekin.edelivery.GeneratedRunAccess;
import jp.kakekin.issuance.JapanClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar of issue #10: with the JVM's zone far from Japan on either side of the date line, a freshly
 * generated signing key signs an e-私書箱 run made "today", and sakuseiDay is today's date in Japan (not
 * the JVM's, not UTC's). At most hours one of the two zones is on another date than Japan.
 */
class EDeliveryFarFromJapanTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Pacific/Pago_Pago", "Pacific/Kiritimati"})
    void aFreshKeySignsTodaysRunAndSakuseiDayIsJapansDate(String zone) throws Exception {
        Path input = GeneratedRunAccess.november(dir);
        Path out = dir.resolve("out");
        TimeZone saved = TimeZone.getDefault();
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        int status;
        LocalDate before;
        LocalDate after;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            before = JapanClock.system().today();
            // No --run-date, --certified-on: everything defaults to today, and the key is generated now.
            status = Main.runCommand("export-e-delivery", "--year", "2026", "--issue", "NOVEMBER",
                    "--input", input.toString(), "--out", out.toString(),
                    "--kakekin.e-delivery.keystore.path=" + dir.resolve("keys/fresh.p12"));
            after = JapanClock.system().today();
        } finally {
            System.setOut(oldOut);
            TimeZone.setDefault(saved);
        }
        assertThat(status).as(buf.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(dir.resolve("keys/fresh.p12")).exists();
        Path xml;
        try (Stream<Path> files = Files.walk(out)) {
            xml = files.filter(p -> p.getFileName().toString().startsWith("TEG850-K26N")
                    && p.toString().endsWith(".xml")).findFirst().orElseThrow();
        }
        Matcher m = Pattern.compile("sakuseiDay=\"([0-9-]+)\"").matcher(Files.readString(xml));
        assertThat(m.find()).isTrue();
        // The run may straddle midnight in Japan; the day is one of the two it saw.
        assertThat(LocalDate.parse(m.group(1))).isIn(before, after);
    }
}
