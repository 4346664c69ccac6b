package jp.kakekin.reissue;

import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a holder types reaches the log, even with the web, security and JDBC loggers at DEBUG: the form
 * is posted over real HTTP (Tomcat, the security filters, the controller, the store) and the captured
 * output is searched for every value, in every form it was typed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.jdbc=DEBUG",
        "logging.level.org.apache.catalina=DEBUG",
        "logging.level.jp.kakekin=DEBUG"})
@Import(ReissueTestSupport.class)
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    LedgerImport importer;

    @Test
    void formSubmissionsLeaveNoPersonalDataInTheLog(CapturedOutput output) throws Exception {
        StoreFixtures.importCases(importer);
        int before = output.getAll().length();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> hit = post(http, "1000014-41", "髙橋 太郎", "1970-04-01", "03-1234-5678");
        HttpResponse<String> miss = post(http, "7654321-98", "鈴木 花子", "1985-07-09", "090-8765-4321");
        HttpResponse<String> malformed = post(http, "55555", "佐藤 次郎", "1990-13-45", "06-9999-0000");
        assertThat(hit.uri().getPath()).isEqualTo("/reissue/accepted");
        assertThat(miss.uri().getPath()).isEqualTo("/reissue/accepted");
        assertThat(hit.uri().getQuery()).isNull();
        assertThat(malformed.statusCode()).isEqualTo(422);

        String log = output.getAll().substring(before);
        // The loggers were really talking about these requests...
        assertThat(log).contains("POST /reissue").contains("/reissue/accepted");
        // ...and said nothing of what was typed.
        for (String value : List.of("1000014", "100001441", "7654321", "765432198", "55555", "髙橋", "高橋", "太郎",
                "鈴木", "花子", "佐藤", "次郎", "1970-04-01", "1985-07-09", "1990-13-45", "19700401", "0312345678",
                "03-1234-5678", "09087654321", "090-8765-4321", "06-9999-0000",
                URLEncoder.encode("髙橋", StandardCharsets.UTF_8), URLEncoder.encode("鈴木", StandardCharsets.UTF_8))) {
            assertThat(log).as("log mentions " + value).doesNotContain(value);
        }
    }

    private HttpResponse<String> post(HttpClient http, String number, String name, String birth, String phone)
            throws Exception {
        String form = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reissue")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf.group(1));
        fields.put("contractNumber", number);
        fields.put("name", name);
        fields.put("birthDate", birth);
        fields.put("phone", phone);
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reissue"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
