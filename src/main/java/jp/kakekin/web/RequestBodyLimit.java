package jp.kakekin.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The size limit of a request body on the operator API ({@code /api/**}): a body larger than
 * {@code kakekin.api.max-request-bytes} (default 1 MiB; the largest body the API takes is one ledger record
 * of a few KB) is answered {@code 413} with RFC 9457 problem details, before anything reads it into memory
 * — it used to be a 500 (issue 12). A declared Content-Length is checked at once; a chunked body is read up
 * to the limit and no further. Runs before authentication, so an anonymous client cannot make the service
 * read a huge body either.
 */
@Configuration(proxyBeanMethods = false)
public class RequestBodyLimit {

    /** @param maxRequestBytes the largest request body of /api/** (bytes) */
    @ConfigurationProperties("kakekin.api")
    public record Properties(Long maxRequestBytes) {
        public long limit() {
            return maxRequestBytes != null && maxRequestBytes > 0 ? maxRequestBytes : 1L << 20;
        }
    }

    @Bean
    FilterRegistrationBean<LimitFilter> requestBodyLimitFilter(Properties properties) {
        FilterRegistrationBean<LimitFilter> r = new FilterRegistrationBean<>(new LimitFilter(properties.limit()));
        r.addUrlPatterns("/api/*");
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        r.setName("requestBodyLimit");
        return r;
    }

    static final class LimitFilter extends OncePerRequestFilter {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final long limit;

        LimitFilter(long limit) {
            this.limit = limit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            long declared = request.getContentLengthLong();
            if (declared > limit) {
                tooLarge(request, response, "the request body is %,d bytes".formatted(declared));
                return;
            }
            if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
                // chunked: read at most limit + 1 bytes to know
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                InputStream in = request.getInputStream();
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    body.write(buf, 0, n);
                    if (body.size() > limit) {
                        tooLarge(request, response, "the request body is more than %,d bytes".formatted(limit));
                        return;
                    }
                }
                chain.doFilter(new CachedBody(request, body.toByteArray()), response);
                return;
            }
            chain.doFilter(request, response);
        }

        private void tooLarge(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
            ObjectNode problem = JSON.createObjectNode();
            problem.put("type", "about:blank");
            problem.put("title", "Payload Too Large");
            problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
            problem.put("detail", what + "; the limit is %,d bytes (kakekin.api.max-request-bytes)".formatted(limit));
            problem.put("instance", request.getRequestURI());
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            // the client may still be sending: tell it the connection ends rather than reading the rest
            response.setHeader("Connection", "close");
            response.getOutputStream().write(JSON.writeValueAsBytes(problem));
        }
    }

    /** The body read by the filter, served again to the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
