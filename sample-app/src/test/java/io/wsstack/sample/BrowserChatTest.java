package io.wsstack.sample;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first five minutes, in a real browser: Debian's Chromium, headless, drives the sample page.
 * Two browser sessions join the same chat room and see each other's lines, and the browser reports
 * that it negotiated permessage-deflate with the server.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserChatTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    private int port;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    @DisplayName("Two browsers in one room see each other's messages over a permessage-deflate connection")
    void twoBrowsersChat() throws Exception {
        WebDriver ada = openPage();
        WebDriver bob = openPage();

        join(ada, "ada");
        waitForText(ada, "chat-status", "connected to lobby");
        join(bob, "bob");
        waitForText(bob, "chat-status", "connected to lobby");
        waitForLog(ada, "bob joined lobby");

        say(ada, "hello from ada");
        say(bob, "hi ada, bob here");

        waitForLog(bob, "ada: hello from ada");
        waitForLog(ada, "bob: hi ada, bob here");
        assertThat(ada.findElement(By.id("chat-extensions")).getText()).contains("permessage-deflate");
        assertThat(bob.findElement(By.id("chat-extensions")).getText()).contains("permessage-deflate");
    }

    @Test
    @DisplayName("The live feed pushes ticks to the page over a compressed connection")
    void liveFeed() throws Exception {
        WebDriver page = openPage();

        page.findElement(By.id("feed-toggle")).click();

        waitForText(page, "feed-status", "subscribed");
        new WebDriverWait(page, Duration.ofSeconds(15)).until(
                d -> Integer.parseInt(d.findElement(By.id("feed-ticks")).getText()) >= 2);
        assertThat(page.findElements(By.cssSelector("#feed-quotes tr"))).hasSize(16);
        assertThat(page.findElement(By.id("feed-extensions")).getText()).contains("permessage-deflate");
    }

    private WebDriver openPage() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        browsers.add(driver);
        driver.get("http://localhost:" + port + "/");
        return driver;
    }

    private static void join(WebDriver page, String nick) {
        page.findElement(By.id("chat-nick")).sendKeys(nick);
        page.findElement(By.id("chat-join-button")).click();
    }

    private static void say(WebDriver page, String text) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id("chat-text")));
        page.findElement(By.id("chat-text")).sendKeys(text);
        page.findElement(By.id("chat-send")).click();
    }

    private static void waitForText(WebDriver page, String id, String text) {
        new WebDriverWait(page, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static void waitForLog(WebDriver page, String line) {
        new WebDriverWait(page, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), line));
    }
}
