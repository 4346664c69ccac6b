package jp.kakekin.reissue;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.ReissueRequests;
import jp.kakekin.store.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 item 8: a cookie-less {@code GET /reissue} used to open a 30-minute HTTP session (26,500 after
 * 30 s of a flood). Over real HTTP: 1,000 GETs open no session, and the form still works — its CSRF token
 * travels as a cookie checked against the hidden field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ReissueTestSupport.class, ReissueSessionTest.Sessions.class})
class ReissueSessionTest {

    /** Counts the sessions the servlet container opens. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Sessions {
        static final AtomicInteger CREATED = new AtomicInteger();

        @Bean
        HttpSessionListener sessionCounter() {
            return new HttpSessionListener() {
                @Override
                public void sessionCreated(HttpSessionEvent se) {
                    CREATED.incrementAndGet();
                }
            };
        }
    }

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    LedgerImport importer;
    @Autowired
    ReissueRequests requests;
    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reissue"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aThousandCookieLessGetsOpenNoSessionAndTheFormStillWorks() throws Exception {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
        int before = Sessions.CREATED.get();
        for (int i = 0; i < 1_000; i++) {
            HttpResponse<String> page = get("/reissue");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        assertThat(Sessions.CREATED.get() - before).as("sessions opened by 1,000 GETs").isZero();

        // The token: a cookie (HttpOnly, SameSite=Lax) and the page's hidden field.
        HttpResponse<String> page = get("/reissue");
        String setCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Lax");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher field = CSRF_FIELD.matcher(page.body());
        assertThat(field.find()).isTrue();

        Map<String, String> form = new LinkedHashMap<>(Map.of("contractNumber", ReissueFormTest.NUMBER,
                "name", ReissueFormTest.NAME, "birthDate", ReissueFormTest.BIRTH, "phone", ReissueFormTest.PHONE));
        // Without the cookie, or without the field, or with another visitor's field: refused.
        form.put("_csrf", field.group(1));
        assertThat(post(null, form).statusCode()).isEqualTo(403);
        Map<String, String> noField = new LinkedHashMap<>(form);
        noField.remove("_csrf");
        assertThat(post(cookie, noField).statusCode()).isEqualTo(403);
        Matcher other = CSRF_FIELD.matcher(get("/reissue").body());
        assertThat(other.find()).isTrue();
        HttpResponse<String> otherPage = get("/reissue");
        String otherCookie = otherPage.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(post(otherCookie.substring(0, otherCookie.indexOf(';')), form).statusCode()).isEqualTo(403);
        assertThat(requests.all()).isEmpty();

        // Cookie and field together: accepted, queued, and still no session.
        HttpResponse<String> accepted = post(cookie, form);
        assertThat(accepted.statusCode()).isEqualTo(303);
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/reissue/accepted"));
        assertThat(requests.queued()).hasSize(1);
        assertThat(get("/reissue/accepted").statusCode()).isEqualTo(200);
        assertThat(Sessions.CREATED.get() - before).isZero();
        assertThat(List.of(accepted.headers().allValues("Set-Cookie"))).noneMatch(c -> c.toString().contains("JSESSIONID"));
    }

    /** Issue #12 item 12: {@code GET /error} answered 500. Over real HTTP (Tomcat's error dispatch included). */
    @Test
    void theErrorPageOpenedDirectlyIsNotAnError() throws Exception {
        HttpResponse<String> direct = get("/error");
        assertThat(direct.statusCode()).isEqualTo(403);
        assertThat(get("/reissue/no-such-page").statusCode()).isEqualTo(404);
        assertThat(get("/no-such-place").statusCode()).isEqualTo(403);
    }
}
