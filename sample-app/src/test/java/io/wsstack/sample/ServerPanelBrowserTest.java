package io.wsstack.sample;

import io.wsstack.client.WsClient;
import io.wsstack.client.WsClientListener;
import io.wsstack.client.WsClientSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's Server panel in a real browser (headless Chromium) while clients send: it must show the
 * exact number of open sessions per endpoint, non-zero message rates, and the close codes of the
 * last minute. The panel's screenshot is saved to {@code target/server-panel.png}; the README's
 * {@code docs/server-panel.png} is a copy taken with {@code -Dserver-panel.fill=60} so that the
 * charts are full.
 *
 * <p>The context is shared with {@link BrowserChatTest}, whose pages close their sessions when the
 * browsers quit; the counts are awaited until they match, so a session still closing cannot fail
 * the test, and one left open would.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerPanelBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final int ECHO_CLIENTS = 3;
    private static final int CHAT_CLIENTS = 2;

    @LocalServerPort
    private int port;

    private final WsClient client = WsClient.builder().build();
    private final ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor();
    private WebDriver browser;

    @AfterEach
    void stop() {
        senders.shutdownNow();
        if (browser != null) {
            browser.quit();
        }
        client.close();
    }

    @Test
    @DisplayName("With clients sending, the Server panel shows the right session counts, non-zero rates and recent close codes")
    void serverPanelShowsLiveTraffic() throws Exception {
        List<WsClientSession> echo = new ArrayList<>();
        for (int i = 0; i < ECHO_CLIENTS; i++) {
            echo.add(connect("/echo"));
        }
        List<WsClientSession> chat = new ArrayList<>();
        for (int i = 0; i < CHAT_CLIENTS; i++) {
            WsClientSession session = connect("/chat/lobby");
            session.sendText("{\"type\":\"join\",\"nick\":\"user" + i + "\"}");
            chat.add(session);
        }
        String quote = "{\"symbol\":\"ACME\",\"price\":12345,\"note\":\"" + "repetitive ".repeat(20) + "\"}";
        AtomicInteger tick = new AtomicInteger();
        senders.scheduleAtFixedRate(() -> {
            // One echo client sends in waves (1 to 5 messages a tick) so the charts move.
            int wave = 1 + (int) Math.round(2 * (1 + Math.sin(tick.getAndIncrement() / 15.0)));
            for (int i = 0; i < wave; i++) {
                echo.get(0).sendText(quote);
            }
            echo.subList(1, echo.size()).forEach(s -> s.sendText(quote));
            chat.forEach(s -> s.sendText("{\"type\":\"say\",\"text\":\"hello from the load\"}"));
        }, 0, 100, TimeUnit.MILLISECONDS);

        browser = openPage();
        browser.findElement(By.id("feed-toggle")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBe(By.id("server-status"), "live"));
        // The page itself holds one echo session and the feed subscription; /stats is the panel's own.
        wait.until(ExpectedConditions.textToBe(By.id("server-echo-sessions"), String.valueOf(ECHO_CLIENTS + 1)));
        wait.until(ExpectedConditions.textToBe(By.id("server-chat-sessions"), String.valueOf(CHAT_CLIENTS)));
        wait.until(ExpectedConditions.textToBe(By.id("server-feed-sessions"), "1"));
        wait.until(ExpectedConditions.textToBe(By.id("server-stats-sessions"), "1"));
        wait.until(d -> rate(d, "server-echo-in") > 0 && rate(d, "server-echo-out") > 0
                && rate(d, "server-chat-in") > 0 && rate(d, "server-chat-out") > 0);
        // A chat session that comes and goes with a private-use close code (shown as 4xxx). It closes
        // only now, with the page live, so that a slow start cannot push it out of the last minute.
        WsClientSession leaver = connect("/chat/lobby");
        leaver.sendText("{\"type\":\"join\",\"nick\":\"leaver\"}");
        assertThat(leaver.close(4001, "gone").get(10, TimeUnit.SECONDS).code()).isEqualTo(4001);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("server-chat-closes"), "4xxx ×1"));
        wait.until(ExpectedConditions.textToBe(By.id("server-chat-sessions"), String.valueOf(CHAT_CLIENTS)));
        assertThat(browser.findElement(By.id("server-chat-health")).getText()).matches(".*handler: \\d+ µs");
        // The ratio covers the panel's recent window; right after start it can still be dominated by
        // handshakes and the first small frames, so wait for the repetitive traffic to fill it.
        try {
            wait.until(d -> d.findElement(By.id("server-echo-ratio")).getText().matches("[0-9.]+")
                    && Double.parseDouble(d.findElement(By.id("server-echo-ratio")).getText()) > 1);
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(Double.parseDouble(browser.findElement(By.id("server-echo-ratio")).getText()))
                    .as("repetitive JSON over permessage-deflate: more payload than wire bytes").isGreaterThan(1);
        }

        // Let the charts fill a little, then keep a picture of the panel.
        Thread.sleep(TimeUnit.SECONDS.toMillis(Long.getLong("server-panel.fill", 3)));
        assertThat(browser.findElement(By.id("server-echo-sessions")).getText()).isEqualTo(String.valueOf(ECHO_CLIENTS + 1));
        File shot = browser.findElement(By.id("server")).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "server-panel.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static double rate(WebDriver page, String id) {
        String text = page.findElement(By.id(id)).getText();
        return text.endsWith("k") ? Double.parseDouble(text.substring(0, text.length() - 1)) * 1000 : Double.parseDouble(text);
    }

    private WsClientSession connect(String path) throws Exception {
        return client.connect(URI.create("ws://localhost:" + port + path), new WsClientListener() { })
                .get(10, TimeUnit.SECONDS);
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
        driver.manage().window().setSize(new Dimension(1400, 1100));
        driver.get("http://localhost:" + port + "/");
        return driver;
    }
}
