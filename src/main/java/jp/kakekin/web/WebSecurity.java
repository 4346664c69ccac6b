package jp.kakekin.web;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/**
 * Who may reach what (docs/reissue.md, "Security"): everything under {@code /api/**} and the actuator
 * (but health) is for operators, over stateless HTTP Basic; the public pages (the reissue form, the
 * authenticity page, their stylesheet) are open, without a session (the CSRF token is a cookie); anything
 * else is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSecurity {

    static final String OPERATOR = "OPERATOR";

    /** The operator API and its description (OpenAPI, Swagger UI): operators only. */
    static final String[] OPERATOR_PATHS = {"/api/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**"};

    /** The pages and assets the public may open. */
    static final String[] PUBLIC = {"/reissue", "/reissue/**", "/verify", "/verify/**", "/css/**", "/favicon.ico"};

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService operators(OperatorProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (OperatorProperties.Operator o : properties.operators()) {
            users.createUser(User.withUsername(o.name()).password(o.passwordHash()).roles(OPERATOR).build());
        }
        return users;
    }

    private static AuthenticationManager operatorLogins(UserDetailsService operators, PasswordEncoder encoder,
                                                        OperatorProperties properties, Clock clock) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(operators);
        dao.setPasswordEncoder(encoder);
        return new ProviderManager(new RememberedLogins(dao, properties.operatorAuthCache(), clock));
    }

    /** Failed operator logins, counted for the API and the actuator together. */
    @Bean
    LoginThrottle loginThrottle(LoginThrottleProperties properties, Clock clock, ObjectProvider<JsonMapper> json) {
        return new LoginThrottle(properties, clock, json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    @Order(1)
    SecurityFilterChain operatorApi(HttpSecurity http, UserDetailsService operators, PasswordEncoder encoder,
                                    OperatorProperties properties, Clock clock, LoginThrottle throttle) throws Exception {
        AuthenticationManager logins = operatorLogins(operators, encoder, properties, clock);
        http.securityMatcher(OPERATOR_PATHS)
                .authorizeHttpRequests(a -> a.anyRequest().hasRole(OPERATOR));
        return stateless(http, logins, throttle).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, UserDetailsService operators, PasswordEncoder encoder,
                                 OperatorProperties properties, Clock clock, LoginThrottle throttle) throws Exception {
        AuthenticationManager logins = operatorLogins(operators, encoder, properties, clock);
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a.requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole(OPERATOR));
        return stateless(http, logins, throttle).build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicPages(HttpSecurity http) throws Exception {
        // The error page is shown for errors only: opened directly (GET /error) it is "anything else", a 403,
        // where Boot's error controller, finding no error, would answer 500.
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll().anyRequest().denyAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                // No HTTP session for anyone on the public pages (every cookie-less GET used to open one for 30
                // minutes): the CSRF token is a cookie of its own, checked against the form's hidden field.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.csrfTokenRepository(csrfCookie()).csrfTokenRequestHandler(eagerCsrfToken()))
                .requestCache(r -> r.disable());
        return http.build();
    }

    /**
     * The double-submit cookie: {@code XSRF-TOKEN}, HttpOnly (no script reads it: the pages have none),
     * SameSite=Lax, Secure whenever the request came over HTTPS; a session cookie (gone with the browser).
     */
    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();
        cookie.setCookieCustomizer(c -> c.sameSite("Lax").path("/"));
        return cookie;
    }

    /**
     * The token is made when the request starts, not when the page asks for it: the cookie has to be set
     * before the page's body commits the response. Masked per response (BREACH) as Spring's default is.
     */
    private static XorCsrfTokenRequestAttributeHandler eagerCsrfToken() {
        XorCsrfTokenRequestAttributeHandler handler = new XorCsrfTokenRequestAttributeHandler();
        handler.setCsrfRequestAttributeName(null);
        return handler;
    }

    private static HttpSecurity stateless(HttpSecurity http, AuthenticationManager logins, LoginThrottle throttle)
            throws Exception {
        // No session and no cookie: a forged cross-site request has no credentials to ride on, so the
        // CSRF token (which the public form does use) has nothing to protect here.
        return http.httpBasic(b -> b.realmName("kakekin operators"))
                .addFilterBefore(throttle.filter(), BasicAuthenticationFilter.class)
                .authenticationManager(logins)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable());
    }
}
