package jp.kakekin.reissue;

import jp.kakekin.calc.DocumentKind;
import jp.kakekin.document.DocumentReference;
import jp.kakekin.document.DocumentTokens;
import jp.kakekin.document.UniqueCode;
import jp.kakekin.store.CaseLedgers;
import jp.kakekin.store.LedgerImport;
import jp.kakekin.store.StoreFixtures;
import jp.kakekin.store.ReissueRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form in a real browser, phone-sized: a malformed number gets the Japanese messages; a matching and
 * a non-matching request end on the very same confirmation; a certificate's QR link fills in the number
 * and leads to the authenticity page. Screenshots go to target/screenshots, or to
 * the directory named by {@code -Dkakekin.screenshots=docs} (how the ones in docs/ are made).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ReissueTestSupport.class)
class ReissueFormBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    LedgerImport importer;
    @Autowired
    ReissueRequests requests;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DocumentTokens tokens;

    @TempDir
    Path profile;

    ChromeDriver browser;

    @BeforeAll
    static void browserPresent() {
        Browser.require();
    }

    @BeforeEach
    void start() {
        StoreFixtures.emptyReissueTables(jdbc);
        StoreFixtures.importCases(importer);
        browser = Browser.phone(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void fill(String number, String name, String birth, String phone) {
        browser.get("http://127.0.0.1:" + port + "/reissue");
        type("contractNumber", number);
        type("name", name);
        type("birthDate", birth);
        type("phone", phone);
        WebElement submit = browser.findElement(By.cssSelector("button[type=submit]"));
        submit.click();
        // The next page has replaced this one (a click returns before the navigation completes).
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(submit));
    }

    private void type(String field, String value) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void aHolderFilesARequestAndAStrangerLearnsNothing() throws Exception {
        browser.get("http://127.0.0.1:" + port + "/reissue");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("掛金控除証明書の再発行のお申込み");
        assertThat(browser.findElement(By.cssSelector("label[for=contractNumber]")).getText()).startsWith("共済契約者番号");
        // Usable on a phone: nothing wider than the screen, text large enough that the phone does not zoom.
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth;"))
                .isLessThanOrEqualTo(0L);
        assertThat(browser.findElement(By.name("contractNumber")).getCssValue("font-size")).isIn("17.6px", "16px", "18px");
        screenshot("reissue-form.png");

        fill("12345", "髙橋 太郎", "1970-04-01", "03-1234-5678");
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(summary.getText()).contains("入力内容をご確認ください",
                "共済契約者番号は数字9桁（7桁の番号と2桁の数字。例：1234567-89）で入力してください。");
        assertThat(browser.findElement(By.id("contractNumber-error")).getText())
                .contains("共済契約者番号は数字9桁");
        assertThat(browser.findElement(By.name("contractNumber")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.name("contractNumber")).getAttribute("aria-describedby"))
                .contains("contractNumber-error");
        assertThat(browser.getCurrentUrl()).isEqualTo("http://127.0.0.1:" + port + "/reissue");
        screenshot("reissue-form-errors.png");

        fill("1000014-41", "髙橋 太郎", "1970-04-01", "03-1234-5678");
        String hitUrl = browser.getCurrentUrl();
        String hitPage = browser.findElement(By.tagName("main")).getText();
        assertThat(hitPage).contains("お申込みを受け付けました", "1週間程度", "ご登録の住所");
        screenshot("reissue-accepted.png");

        fill("1000014-41", "髙橋 太郎", "1981-12-24", "03-1234-5678");
        assertThat(browser.getCurrentUrl()).isEqualTo(hitUrl).isEqualTo("http://127.0.0.1:" + port + "/reissue/accepted");
        assertThat(browser.findElement(By.tagName("main")).getText()).isEqualTo(hitPage);
        assertThat(browser.getTitle()).isEqualTo("お申込みを受け付けました｜小規模企業共済 掛金控除証明書");

        assertThat(requests.all()).extracting(ReissueRequests.Request::status)
                .containsExactly(ReissueRequests.Status.QUEUED, ReissueRequests.Status.UNMATCHED);
    }

    @Test
    void theQrCodeOfACertificateFillsInTheNumberAndShowsItsAuthenticity() throws Exception {
        String token = tokens.issue(new DocumentReference(
                UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1), LocalDate.of(2027, 1, 20)));
        browser.get("http://127.0.0.1:" + port + "/reissue?t=" + token);
        assertThat(browser.findElement(By.name("contractNumber")).getAttribute("value")).isEqualTo("1000014-41");
        WebElement link = browser.findElement(By.partialLinkText("発行されたものかを確認する"));
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(link));
        assertThat(browser.findElement(By.id("unique-code")).getText())
                .isEqualTo(UniqueCode.of(DocumentKind.NOVEMBER_CERTIFICATE, 2026, "1000014", "41", 1).value());
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("令和9年1月20日", "再発行された書類です")
                .doesNotContain("髙橋");
        screenshot("reissue-verify.png");
    }

    private void screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("kakekin.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
