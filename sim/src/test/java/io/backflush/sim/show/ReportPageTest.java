package io.backflush.sim.show;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPageTest {

    static Document page(ShownRun run, Path dir) throws Exception {
        Map<Path, byte[]> files = ShowFiles.report(run, dir);
        ShowFiles.write(files);
        return Jsoup.parse(Files.readString(dir.resolve(ShowFiles.REPORT_PAGE), StandardCharsets.UTF_8));
    }

    @Test
    void theReportEmbedsEveryChartAndTheSoundAndExplainsTheRun(@TempDir Path dir) throws Exception {
        ShownRun run = ShowRuns.demo();
        Document doc = page(run, dir);
        for (RunCharts.Named chart : RunCharts.all(run)) {
            Element img = doc.selectFirst("#chart-" + chart.stem() + " img");
            assertThat(img).as(chart.stem()).isNotNull();
            assertThat(img.attr("src")).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(img.attr("src").substring("data:image/png;base64,".length()));
            assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(1200);
            assertThat(img.attr("alt")).isNotBlank();
        }
        Element audio = doc.selectFirst("audio");
        assertThat(audio.attr("src")).startsWith("data:audio/wav;base64,");
        String text = doc.text();
        assertThat(text).contains("Why the pump went quiet", "What the whoosh carried out",
                "How much residue each cycle removed", "Why the rinse was needed",
                "the pump went quiet after 5.52 s", "30.9 ml", "Every millilitre is accounted for",
                "started from a clean machine", "no detergent");
        assertThat(Files.size(dir.resolve(ShowFiles.REPORT_PAGE))).isLessThan(5_000_000);
        assertThat(dir.resolve(ShowFiles.REPORT_WAV)).isRegularFile();
        assertThat(dir.resolve("charts/pressure.svg")).isRegularFile();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void theReportMakesNoNetworkReference(@TempDir Path dir) throws Exception {
        Document doc = page(ShowRuns.demo(), dir);
        for (Element e : doc.select("[src], [href]")) {
            for (String attribute : List.of("src", "href")) {
                String value = e.attr(attribute);
                if (value.isEmpty()) {
                    continue;
                }
                assertThat(value).as(e.tagName() + " " + attribute)
                        .doesNotStartWith("http:").doesNotStartWith("https:").doesNotStartWith("//");
                if (!value.startsWith("data:")) {
                    assertThat(dir.resolve(value)).as("a relative link to a file beside the page").isRegularFile();
                }
            }
        }
        assertThat(doc.select("link, script, iframe, object, embed")).isEmpty();
        assertThat(doc.html()).doesNotContain("url(");
    }

    @Test
    void aUsedMachinesReportTellsHowMuchEachCycleRemovedAndWhatTheRinseCarriedOut(@TempDir Path dir)
            throws Exception {
        ShownRun run = ShowRuns.dirty();
        Document doc = page(run, dir);
        String text = doc.text();
        assertThat(text).contains("The brew path held 115.0 mg of residue at the start")
                .contains("When the rinse began").doesNotContain("started from a clean machine");
        double[] removed = run.removedPerCycleMg();
        assertThat(removed[0]).isGreaterThan(removed[1]).isGreaterThan(0.0);
        assertThat(removed[removed.length - 1]).isLessThan(removed[0] / 5);
    }
}
