package jp.kakekin.reissue;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headless Debian Chromium driven by its own chromedriver. Both paths are given explicitly, so
 * Selenium Manager is never consulted and nothing is downloaded. Missing browser: fails on CI
 * ({@code CI=true}), skips elsewhere.
 */
final class Browser {

    static final String CHROMIUM = System.getProperty("kakekin.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("kakekin.test.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    static void require() {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!present) {
            String why = "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
    }

    /** A phone-sized headless browser with a fresh profile. */
    static ChromeDriver phone(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=ja", "--window-size=390,844", "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    /**
     * The page holding {@code element} has been replaced (a click returns before the navigation completes). Like
     * Selenium's {@code stalenessOf}, and also when Chrome, while the new page comes in, answers for the old
     * page's element with "Node with given id does not belong to the document" instead of a stale-element error
     * (seen once on a loaded 2-core machine): both say the element's page is gone.
     */
    static ExpectedCondition<Boolean> replaced(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }
}
