package jp.kakekin.reissue;

import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import jp.kakekin.store.ReissueRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public reissue form: validation, matching, the same answer for hits and misses, limits, CSRF. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(ReissueTestSupport.class)
class ReissueFormTest {

    /** S14's holder, as the ledger has it. */
    static final String NUMBER = "1000014-41";
    static final String NAME = "髙橋 太郎";
    static final String BIRTH = "1970-04-01";
    static final String PHONE = "03-1234-5678";

    /** Numbers each test, for a client address and a day of its own (the limits keep state across tests). */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    LedgerImport importer;
    @Autowired
    ReissueRequests requests;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    String client;

    @BeforeEach
    void storeTheCases() {
        StoreFixtures.emptyReissueTables(jdbc);
        int test = CLIENTS.incrementAndGet();
        // A day apart per test: no limit's window of one test reaches into the next.
        clock.setJapan(ReissueTestSupport.TAX_SEASON.plusDays(test));
        client = "10.1.0." + test;
        StoreFixtures.importCases(importer);
    }

    private RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    private MockHttpServletRequestBuilder submit(String number, String name, String birth, String phone) {
        return post("/reissue").with(csrf()).with(from(client)).param("contractNumber", number).param("name", name)
                .param("birthDate", birth).param("phone", phone);
    }

    @Test
    void theFormHasTheFixedFieldNamesACsrfTokenAndIsJapanese() throws Exception {
        String page = mvc.perform(get("/reissue")).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html lang=\"ja\"", "name=\"contractNumber\"", "name=\"name\"", "name=\"birthDate\"",
                "name=\"phone\"", "name=\"_csrf\"", "<label for=\"contractNumber\">共済契約者番号",
                "name=\"viewport\"");
    }

    @Test
    void aMatchingRequestIsQueued() throws Exception {
        mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/reissue/accepted"));
        assertThat(requests.queued()).singleElement()
                .satisfies(r -> assertThat(r.contractNo()).isEqualTo("1000014"));
    }

    @Test
    void hitAndMissGetTheVerySameAnswer() throws Exception {
        MvcResult hit = mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE)).andReturn();
        MvcResult wrongBirth = mvc.perform(submit(NUMBER, NAME, "1970-04-02", PHONE)).andReturn();
        MvcResult wrongName = mvc.perform(submit(NUMBER, "鈴木 一郎", BIRTH, PHONE)).andReturn();
        MvcResult wrongCd = mvc.perform(submit("1000014-40", NAME, BIRTH, PHONE)).andReturn();
        MvcResult unknown = mvc.perform(submit("7654321-00", NAME, BIRTH, PHONE)).andReturn();

        for (MvcResult miss : List.of(wrongBirth, wrongName, wrongCd, unknown)) {
            assertThat(miss.getResponse().getStatus()).isEqualTo(hit.getResponse().getStatus()).isEqualTo(303);
            assertThat(miss.getResponse().getHeaderNames()).containsExactlyInAnyOrderElementsOf(hit.getResponse().getHeaderNames());
            for (String h : hit.getResponse().getHeaderNames()) {
                assertThat(miss.getResponse().getHeaders(h)).as(h).isEqualTo(hit.getResponse().getHeaders(h));
            }
            assertThat(miss.getResponse().getContentAsString()).isEqualTo(hit.getResponse().getContentAsString());
        }
        assertThat(requests.all()).extracting(ReissueRequests.Request::status).containsExactly(
                ReissueRequests.Status.QUEUED, ReissueRequests.Status.UNMATCHED, ReissueRequests.Status.UNMATCHED,
                ReissueRequests.Status.UNMATCHED, ReissueRequests.Status.UNMATCHED);
        assertThat(requests.all().subList(1, 5)).allSatisfy(r -> assertThat(r.contractNo()).isNull());
    }

    @Test
    void whatHoldersReallyTypeStillMatches() throws Exception {
        // full-width digits and dash, the common form of 髙, the kana reading, slashes, no hyphens
        mvc.perform(submit("１００００１４－４１", "高橋　太郎", "1970/04/01", "０３１２３４５６７８")).andExpect(status().isSeeOther());
        mvc.perform(submit("100001441", "たかはし たろう", "19700401", "03(1234)5678")).andExpect(status().isSeeOther());
        assertThat(requests.queued()).hasSize(2).allSatisfy(r -> assertThat(r.contractNo()).isEqualTo("1000014"));
    }

    @Test
    void malformedInputGetsJapaneseMessagesAndFilesNothing() throws Exception {
        String page = mvc.perform(submit("12345", NAME, "1970-02-30", "12-34"))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("入力内容をご確認ください",
                "共済契約者番号は数字9桁（7桁の番号と2桁の数字。例：1234567-89）で入力してください。",
                "生年月日は西暦で、例のように入力してください（例：1970-04-01）。",
                "連絡先電話番号は、市外局番から数字10桁または11桁で入力してください（例：03-1234-5678）。",
                "aria-invalid=\"true\"", "href=\"#contractNumber\"");
        // What was typed is given back to correct, in the page body (never in the URL).
        assertThat(page).contains("value=\"12345\"");

        String empty = mvc.perform(submit("", " ", "", "")).andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("共済契約者番号を入力してください。", "氏名を入力してください。", "生年月日を入力してください。",
                "連絡先電話番号を入力してください。");
        assertThat(requests.all()).isEmpty();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRejected() throws Exception {
        mvc.perform(post("/reissue").with(from(client)).param("contractNumber", NUMBER).param("name", NAME)
                .param("birthDate", BIRTH).param("phone", PHONE)).andExpect(status().isForbidden());
        mvc.perform(post("/reissue").with(csrf().useInvalidToken()).with(from(client)).param("contractNumber", NUMBER)
                .param("name", NAME).param("birthDate", BIRTH).param("phone", PHONE)).andExpect(status().isForbidden());
        assertThat(requests.all()).isEmpty();
    }

    @Test
    void oneClientAddressIsLimited() throws Exception {
        for (int i = 0; i < 10; i++) {
            mvc.perform(submit("76543%02d-00".formatted(i), NAME, BIRTH, PHONE)).andExpect(status().isSeeOther());
        }
        MvcResult refused = mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andReturn();
        // 10 per 10 minutes as a token bucket: the burst is spent, one more comes back every minute.
        assertThat(refused.getResponse().getContentAsString()).contains("しばらくしてからお試しください", "約1分");
        long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(requests.all()).hasSize(10);
        // Retry-After is honest: after it the same address may submit again.
        clock.advance(java.time.Duration.ofSeconds(retryAfter));
        mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE)).andExpect(status().isSeeOther());
    }

    @Test
    void oneContractNumberIsLimitedWhetherOrNotItExists() throws Exception {
        for (String number : List.of(NUMBER, "7777777-77")) {
            for (int i = 0; i < 10; i++) {
                mvc.perform(submit(number, NAME, BIRTH, PHONE).with(from("10.2." + number.charAt(0) + "." + i)))
                        .andExpect(status().isSeeOther());
            }
            MvcResult refused = mvc.perform(submit(number, NAME, BIRTH, PHONE).with(from("10.3.0.1")))
                    .andExpect(status().isTooManyRequests())
                    .andReturn();
            assertThat(refused.getResponse().getContentAsString()).contains("短い時間に多くのお申込みがあったため")
                    .doesNotContain(number);
            // A short window: minutes, never a day.
            assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
        }
    }

    /** Issue #12 item 6: three wrong names from one address used to keep the holder out for 24 hours. */
    @Test
    void wrongNamesFromAnotherAddressDoNotLockTheHolderOut() throws Exception {
        String attacker = "10.66.0." + CLIENTS.get();
        for (String wrong : List.of("鈴木 一郎", "佐藤 花子", "田中 次郎")) {
            mvc.perform(submit(NUMBER, wrong, BIRTH, PHONE).with(from(attacker))).andExpect(status().isSeeOther());
        }
        // The attacker is throttled on this number, for at most the per-address-and-number window (1 hour).
        MvcResult refused = mvc.perform(submit(NUMBER, "山田 三郎", BIRTH, PHONE).with(from(attacker)))
                .andExpect(status().isTooManyRequests()).andReturn();
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 3600L);

        // The holder, from their own address, still gets through, at once.
        mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE)).andExpect(status().isSeeOther());
        assertThat(requests.queued()).singleElement().satisfies(r -> assertThat(r.contractNo()).isEqualTo("1000014"));
    }

    /** Many addresses together can hold a number back only for minutes: the holder gets through after Retry-After. */
    @Test
    void aFloodFromManyAddressesDelaysTheHolderForMinutesOnly() throws Exception {
        for (int i = 0; i < 10; i++) {
            mvc.perform(submit(NUMBER, "鈴木 一郎", BIRTH, PHONE).with(from("10.77." + CLIENTS.get() + "." + i)))
                    .andExpect(status().isSeeOther());
        }
        MvcResult refused = mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE)).andExpect(status().isTooManyRequests())
                .andReturn();
        long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        clock.advance(java.time.Duration.ofSeconds(retryAfter));
        mvc.perform(submit(NUMBER, NAME, BIRTH, PHONE)).andExpect(status().isSeeOther());
        assertThat(requests.queued()).singleElement().satisfies(r -> assertThat(r.contractNo()).isEqualTo("1000014"));
    }

    @Test
    void theConfirmationSaysWhereAndWhenButNotWhetherItMatched() throws Exception {
        mvc.perform(get("/reissue/accepted")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("お申込みを受け付けました")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("1週間程度")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ご登録の住所")));
    }
}
