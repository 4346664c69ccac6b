package jp.kakekin.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a 50 MB POST to /api/v1/calculations answered 500. Over real HTTP (Tomcat), a body over the
 * limit is a 413 with problem details, whether its length is declared or it comes chunked; a body within
 * the limit still reaches the controller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestBodyLimitTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpRequest.Builder calculation() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/calculations?document=NOVEMBER_CERTIFICATE&year=2026"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFiftyMegabyteBodyIs413WithProblemDetails() throws Exception {
        byte[] body = new byte[50 << 20];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> r = http.send(calculation().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asString()).isEqualTo("Payload Too Large");
        assertThat(problem.path("detail").asString())
                .isEqualTo("the request body is 52,428,800 bytes; the limit is 1,048,576 bytes (kakekin.api.max-request-bytes)");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/calculations");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] body = new byte[3 << 20];
        Arrays.fill(body, (byte) ' ');
        HttpRequest request = calculation().POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).path("detail").asString()).startsWith("the request body is more than 1,048,576 bytes");
    }

    @Test
    void aBodyWithinTheLimitReachesTheApiChunkedOrNot() throws Exception {
        String notALedger = "{\"scheme\":\"SHOKIBO\"}";
        HttpResponse<String> plain = http.send(calculation().POST(HttpRequest.BodyPublishers.ofString(notALedger)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(400);
        assertThat(plain.body()).contains("contractNo");
        InputStream in = new ByteArrayInputStream(notALedger.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> chunked = http.send(calculation().POST(HttpRequest.BodyPublishers.ofInputStream(() -> in)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
        assertThat(chunked.body()).contains("contractNo");
    }
}
