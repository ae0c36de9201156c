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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sample chat as two instances behind a load balancer would run it: a real redis-server on a
 * free port, two sample applications started with {@code --ws.cluster.enabled=true
 * --spring.data.redis.port=N}, and a Chromium page on each. The pages see each other's lines, and
 * a page that joins later is first shown the room's last lines from Redis.
 */
@Tag("browser")
class BrowserClusterChatTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final List<WebDriver> browsers = new ArrayList<>();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private Process redis;

    @AfterEach
    void stopAll() {
        browsers.forEach(WebDriver::quit);
        instances.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    @DisplayName("Two pages on two clustered instances chat with each other; a later page is shown the last lines")
    void pagesOnTwoInstancesChat() throws Exception {
        int redisPort = startRedis();
        int portA = startInstance(redisPort);
        int portB = startInstance(redisPort);

        WebDriver ada = openPage(portA);
        WebDriver bob = openPage(portB);
        join(ada, "ada");
        waitForText(ada, "chat-status", "connected to lobby");
        join(bob, "bob");
        waitForLog(ada, "bob joined lobby");

        say(ada, "hello from instance A");
        say(bob, "hi ada, this is instance B");

        waitForLog(bob, "ada: hello from instance A");
        waitForLog(ada, "bob: hi ada, this is instance B");

        WebDriver cy = openPage(portB);
        join(cy, "cy");
        waitForLog(cy, "ada: hello from instance A");
        waitForLog(cy, "bob: hi ada, this is instance B");
        waitForLog(ada, "cy joined lobby");
    }

    private int startRedis() throws Exception {
        int port = freePort();
        Path dir = Files.createTempDirectory("redis-sample");
        redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return port;
            }
            catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Starts the sample as its README says, on a random port; returns the port. */
    private int startInstance(int redisPort) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
                "--server.port=0", "--ws.cluster.enabled=true", "--spring.data.redis.port=" + redisPort,
                "--spring.main.banner-mode=off");
        instances.add(context);
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private WebDriver openPage(int port) throws Exception {
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
        new WebDriverWait(page, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("chat-text")));
        page.findElement(By.id("chat-text")).sendKeys(text);
        page.findElement(By.id("chat-send")).click();
    }

    private static void waitForText(WebDriver page, String id, String text) {
        new WebDriverWait(page, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    private static void waitForLog(WebDriver page, String line) {
        new WebDriverWait(page, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-log"), line));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
