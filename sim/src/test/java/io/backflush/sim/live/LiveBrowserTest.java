package io.backflush.sim.live;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.support.Pixels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in a real browser: Debian's headless chromium through its chromedriver (.ci/run
 * installs both as root). Skipped, saying why, where either is missing.
 */
class LiveBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshot is written (the README's docs/live.png is a copy of a good one). */
    static final Path SCREENSHOT = Path.of("target", "live-screenshot.png");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LiveServer server;
    private static WebDriver driver;
    /** Why the browser tests cannot run here, or null. */
    private static String skipped;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            skipped = "headless browser test skipped: needs Debian's chromium and chromium-driver (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "; .ci/run installs them as root)";
            return;
        }
        server = LiveServer.start(LiveServer.Config.loopback(Machine.of(Presets.singleBoiler()), 0));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1300,1250", "--autoplay-policy=no-user-gesture-required",
                // nothing but the test's own server resolves: a request elsewhere would fail, and be seen below
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (org.openqa.selenium.WebDriverException e) {
            skipped = "headless browser test skipped: chromium is installed but would not start under chromedriver: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /**
     * Each test is skipped with the reason (an assumption in {@code @BeforeAll} would hide the tests
     * from the report instead of listing them as skipped).
     */
    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(skipped == null, skipped);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(20));
    }

    private void openPage() {
        driver.get(server.url().toString());
        waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("session "));
    }

    private void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private double clock() {
        return Double.parseDouble(driver.findElement(By.id("clock")).getText());
    }

    /** Presses step once (size already chosen) and waits until the clock shows the new time. */
    private void step(double toSeconds) {
        click("step");
        waiting().until(d -> Math.abs(clock() - toSeconds) < 0.05);
    }

    private void brew(boolean on) {
        click("brew");
        waiting().until(d -> d.findElement(By.id("brew")).getAttribute("aria-pressed").equals(Boolean.toString(on)));
    }

    /** The pump buzz's gain the page's sound is heading for (after the next update has been played). */
    private double buzz() {
        Object sound = waiting().until(d -> ((JavascriptExecutor) d).executeScript("return window.backflushSound();"));
        return ((Number) ((java.util.Map<?, ?>) sound).get("buzz")).doubleValue();
    }

    /** Waits for the first event of a kind in the page's list. */
    private WebElement firstEvent(String kind) {
        return waiting().until(d -> d.findElements(By.cssSelector("#events li." + kind)).stream().findFirst().orElse(null));
    }

    @Test
    void pressThePumpHearItGoQuietReleaseAndSeeTheWhooshTheRunCommandReports(@TempDir Path dir) throws Exception {
        openPage();
        click("reset");
        waiting().until(d -> d.findElement(By.id("speed-pause")).getAttribute("class").contains("on") && clock() == 0.0);
        new Select(driver.findElement(By.id("step-size"))).selectByValue("1");
        brew(true);
        step(1);
        double buzzFlowing = buzz();
        for (int s = 2; s <= 8; s++) {
            step(s);
        }
        double buzzQuiet = buzz();
        // the pump's buzz, by the WAV's rule: loud while it moves water freely, fading as the pressure stalls it
        assertThat(buzzFlowing).as("buzz gain while the pump fills the group").isGreaterThan(0.3);
        assertThat(buzzQuiet).as("buzz gain once the pump is quiet").isGreaterThan(0.0).isLessThan(0.7 * buzzFlowing);
        WebElement quiet = firstEvent("quiet");
        assertThat(quiet.getText()).containsPattern("the pump went quiet after 5\\.\\d\\d s");
        brew(false);
        for (int s = 9; s <= 13; s++) {
            step(s);
        }
        WebElement whoosh = firstEvent("whoosh");
        assertThat(whoosh.getText()).contains("whoosh: ");
        brew(true);
        new Select(driver.findElement(By.id("step-size"))).selectByValue("0.01");
        step(13.01);
        WebElement cycle = firstEvent("cycle");
        double live = Double.parseDouble(cycle.getAttribute("data-volume"));
        double cli = LiveClient.cliWhooshMl("single-boiler", 8, 5, dir);
        assertThat(live).as("whoosh volume, live page against run").isCloseTo(cli, within(0.01 * cli));
        assertThat(cycle.getText()).contains(String.format(Locale.ROOT, "whoosh: %.1f ml", live));
        brew(false);
        step(13.02);
        click("lesson-toggle");
        List<WebElement> steps = driver.findElements(By.cssSelector("#lesson-steps li"));
        assertThat(steps).hasSize(6);
        assertThat(steps.get(0).getAttribute("class")).contains("done"); // warm: heater on, boiler at 90 °C
        assertThat(steps.get(3).getText()).startsWith("Five cycles with detergent").contains("Why: ");
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        java.awt.image.BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThan(1000);
        assertThat(Pixels.coloured(image, 2)).as("coloured pixels (gauges, chart lines, buttons)").isGreaterThan(2000);
    }

    @Test
    void aWatchingPageGreysItsControlsAndLightsTheFirmwaresCommands() throws Exception {
        Machine single = Machine.of(Presets.singleBoiler());
        Watch watch = new Watch(single, "the test's server");
        try (io.backflush.sim.hil.server.HilServer hil = new io.backflush.sim.hil.server.HilServer(
                io.backflush.sim.hil.server.SessionConfig.lockstep(single), java.net.InetAddress.getLoopbackAddress(), 0, 1,
                r -> { }).watchedBy(watch);
             LiveServer page = LiveServer.start(LiveServer.Config.loopback(single, 0), watch)) {
            driver.get(page.url().toString());
            waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("waiting for a firmware"));
            assertThat(driver.findElement(By.id("brew")).isEnabled()).isFalse();
            assertThat(driver.findElement(By.id("speed-5")).isEnabled()).isFalse();
            assertThat(driver.findElement(By.id("mute")).isEnabled()).isTrue();
            Thread firmware = new Thread(() -> {
                try (io.backflush.sim.hil.client.HilClient c = io.backflush.sim.hil.client.HilClient.connect("127.0.0.1",
                        hil.port(), io.backflush.sim.hil.protocol.Encoding.BINARY)) {
                    c.hello(false, 0);
                    io.backflush.sim.hil.protocol.Message.SensorFrame f = c.nextSensors();
                    for (int i = 0; i < 11_000; i++) {
                        c.actuate(f, i < 8000 ? 1 : 0, i < 8000, 0);
                        f = c.sensorsFor(f.seq() + 1);
                        if (i % 4 == 0) {
                            Thread.sleep(1);
                        }
                    }
                    c.send(new io.backflush.sim.hil.protocol.Message.Bye());
                } catch (Exception e) {
                    // the assertions below fail and say what the page showed
                }
            }, "test-firmware");
            firmware.setDaemon(true);
            firmware.start();
            waiting().until(d -> d.findElement(By.id("status")).getText().startsWith("watching firmware session 1"));
            waiting().until(d -> d.findElement(By.id("brew")).getAttribute("class").contains("on"));
            assertThat(driver.findElement(By.id("brew")).isEnabled()).isFalse();
            assertThat(firstEvent("quiet").getText()).contains("pump went quiet");
            firmware.join(60_000);
            waiting().until(d -> d.findElement(By.id("events")).getText().contains("session 1 ended: client said bye"));
        }
    }

    @Test
    void aBadValueShowsAnErrorOnThePageAndChangesNothing() {
        openPage();
        WebElement dose = driver.findElement(By.id("detergent"));
        dose.clear();
        dose.sendKeys("99");
        click("detergent-add");
        WebElement problem = waiting().until(d -> {
            WebElement p = d.findElement(By.id("problem"));
            return p.isDisplayed() ? p : null;
        });
        assertThat(problem.getText()).isEqualTo("detergent must be between 0 and 20 g, got 99");
        assertThat(driver.findElement(By.id("detergent-left")).getText()).isEqualTo("0.0");
    }

    @Test
    void noRequestLeavesLoopbackAndThePageHasNoExternalReferences() {
        openPage();
        click("brew");
        waiting().until(d -> d.findElement(By.id("brew")).getAttribute("aria-pressed").equals("true"));
        String origin = server.url().toString().replaceAll("/$", "");
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntries().map(e => e.name).filter(n => /^[a-z]+:/.test(n));");
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        // (the event stream, still open, is listed only once it ends)
        assertThat(requested).anySatisfy(url -> assertThat(url).contains("/control?session="));
        @SuppressWarnings("unchecked")
        List<String> references = (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('[src],[href]')).map(e => e.src || e.href);");
        assertThat(references).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
    }
}
