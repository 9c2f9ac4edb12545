package io.backflush.sim.show;

import io.backflush.sim.cli.BackflushCli;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare --plot} and {@code compare --html}, through the command line. */
class CompareShowTest {
    static final List<String> STEMS = List.of("compare-penalty", "compare-residue", "compare-water", "compare-effort",
            "compare-detergent",
            "compare-residue-days", "compare-penalty-days");

    @TempDir
    static Path dir;

    @BeforeAll
    static void compare() {
        StringWriter err = new StringWriter();
        int code = BackflushCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "compare",
                "--machine", "single-boiler", "--strategies", "none,water-daily,water-daily-detergent-weekly",
                "--days", "9", "--shots-per-day", "6", "--plot", dir.resolve("plots").toString(),
                "--html", dir.resolve("report").toString());
        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void everyChartIsAReadablePngAndAnSvg() throws Exception {
        for (String stem : STEMS) {
            BufferedImage png = ImageIO.read(dir.resolve("plots").resolve(stem + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(png.getHeight()).isEqualTo(Charts.HEIGHT);
            assertThat(ChartsTest.lumaVariance(png)).as(stem + " is not blank").isGreaterThan(50);
            assertThat(ChartsTest.parseXml(Files.readAllBytes(dir.resolve("plots").resolve(stem + ".svg")))
                    .getDocumentElement().getLocalName()).isEqualTo("svg");
        }
    }

    @Test
    void thePageEmbedsEveryChartAndTheTableAndReachesNothingOutside() throws Exception {
        var page = Jsoup.parse(Files.readString(dir.resolve("report").resolve("index.html"), StandardCharsets.UTF_8));
        for (String stem : STEMS) {
            Element figure = page.getElementById("chart-" + stem);
            assertThat(figure).as(stem).isNotNull();
            assertThat(figure.selectFirst("img").attr("src")).startsWith("data:image/png;base64,");
        }
        assertThat(page.select("table tr")).hasSize(4);
        assertThat(page.text()).contains("Cleanest cups").contains("none").contains("water-daily-detergent-weekly");
        for (Element e : page.select("[src], [href]")) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            assertThat(ref).doesNotStartWith("http:").doesNotStartWith("https:").doesNotStartWith("//");
        }
        assertThat(page.select("link, script[src]")).isEmpty();
    }
}
