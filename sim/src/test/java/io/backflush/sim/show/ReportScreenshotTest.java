package io.backflush.sim.show;

import io.backflush.sim.support.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders the report in headless Chromium, where installed (.ci/run installs Debian's chromium as root). */
class ReportScreenshotTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void chromiumRendersTheReportAndItIsNotBlank(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Path report = dir.resolve("report");
        ShowFiles.write(ShowFiles.report(ShowRuns.demo(), report));
        Path shot = dir.resolve("shot.png");
        Path profile = Files.createDirectory(dir.resolve("profile"));
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1200,1600", "--screenshot=" + shot,
                report.resolve(ShowFiles.REPORT_PAGE).toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s: " + Files.readString(log));
        }
        assertThat(shot).as(Files.readString(log)).isRegularFile();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(ChartsTest.lumaVariance(image)).as("screenshot pixel variance").isGreaterThan(100.0);
        // the first chart is embedded near the top: some of its coloured pixels must be on screen
        assertThat(Pixels.coloured(image, 3)).as("coloured pixels (chart lines and markers)").isGreaterThan(200);
    }
}
