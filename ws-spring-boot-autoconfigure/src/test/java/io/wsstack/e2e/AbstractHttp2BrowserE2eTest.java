package io.wsstack.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code server.http2.enabled=true} over TLS, as browsers meet it: Chromium loads a page over
 * HTTP/2 and opens {@code wss://} to our echo endpoint. A browser opens WebSocket as an RFC 8441
 * extended CONNECT on its HTTP/2 connection when the server's SETTINGS allow it, and our filter
 * serves only HTTP/1.1 upgrades; so the server must not advertise it, and the browser must fall back
 * to HTTP/1.1 for WebSocket while the page itself stays on HTTP/2.
 */
@Tag("browser")
@SpringBootTest(classes = E2eApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractHttp2BrowserE2eTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static WebDriver browser;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        TestTls.serveOverTls(registry);
        registry.add("server.http2.enabled", () -> "true");
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--ignore-certificate-errors", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("Chromium on an HTTP/2 page opens wss:// to our endpoint and gets its echo")
    void browserEchoesOverWss() {
        // Any page of the origin: it opens the HTTP/2 connection whose SETTINGS the browser consults.
        browser.get("https://localhost:" + port + "/h2-page");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        assertThat(page.executeScript("return performance.getEntriesByType('navigation')[0].nextHopProtocol"))
                .as("the page itself is served over HTTP/2").isEqualTo("h2");

        Object outcome = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const ws = new WebSocket('wss://localhost:%d/echo');
                ws.onopen = () => ws.send('hello over wss');
                ws.onmessage = e => { done('echo:' + e.data); ws.close(); };
                ws.onerror = () => done('error');
                ws.onclose = e => done('closed:' + e.code);
                """.formatted(port));
        assertThat(outcome).isEqualTo("echo:hello over wss");
    }

    @Test
    @DisplayName("The server's HTTP/2 SETTINGS do not offer extended CONNECT (RFC 8441)")
    void settingsDoNotEnableConnectProtocol() throws Exception {
        Map<Integer, Long> settings = Http2Settings.read(port);
        assertThat(settings).as("SETTINGS").doesNotContainEntry(Http2Settings.ENABLE_CONNECT_PROTOCOL, 1L);
    }
}
