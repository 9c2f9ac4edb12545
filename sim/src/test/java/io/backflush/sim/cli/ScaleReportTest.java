package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import static io.backflush.sim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a run after days of use in hard water: a scale chart and why descaling and
 * backflushing are different jobs, in the run's own numbers (checked against {@code run --json}
 * of the same machine, days and water).
 */
class ScaleReportTest {
    private static final String[] USED_IN_HARD_WATER = {"--machine", "single-boiler", "--program", "water-5x10",
        "--fouled-days", "30", "--shots-per-day", "10", "--hardness", "300", "--alkalinity", "200"};

    private static Document report(Path dir, String... args) throws IOException {
        String[] all = new String[args.length + 3];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = dir.toString();
        CliTest.Outcome o = run(all);
        assertThat(o.code()).as(o.err()).isZero();
        return Jsoup.parse(Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8));
    }

    @Test
    void aUsedMachinesReportChartsItsScaleAndSaysTheBackflushLeftAllOfIt(@TempDir Path dir) throws IOException {
        Document doc = report(dir, USED_IN_HARD_WATER);
        Element img = doc.selectFirst("#chart-scale img");
        assertThat(img).as("the scale chart").isNotNull();
        byte[] png = Base64.getDecoder().decode(img.attr("src").substring("data:image/png;base64,".length()));
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(1200);
        assertThat(dir.resolve("charts/scale.svg")).isRegularFile();

        String[] json = new String[USED_IN_HARD_WATER.length + 2];
        json[0] = "run";
        System.arraycopy(USED_IN_HARD_WATER, 0, json, 1, USED_IN_HARD_WATER.length);
        json[json.length - 1] = "--json";
        CliTest.Outcome o = run(json);
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(o.out());
        double element = root.get("scaleMg").get("element").asDouble();
        double total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("scaleMg").fields(); it.hasNext(); ) {
            total += it.next().getValue().asDouble();
        }
        double removed = 0;
        for (String site : new String[] {"screen", "passage", "valve"}) {
            removed += root.get("residueBeforeMg").get(site).asDouble() - root.get("residueAfterMg").get(site).asDouble();
        }
        assertThat(element).as("hard water for 30 days scales the element by grams").isGreaterThan(1000.0);
        assertThat(removed).as("the used machine had residue to remove").isGreaterThan(1.0);

        String words = doc.selectFirst("#descaling + figure + p").text();
        assertThat(words).contains("Over the 30 days of use before this run")
                .contains("hardness 300 and alkalinity 200 mg/L")
                .contains(String.format(Locale.ROOT, "left %.2f g of scale", total / 1000))
                .contains(String.format(Locale.ROOT, "%.2f g on the heater element", element / 1000))
                .contains(String.format(Locale.ROOT, "This backflush removed %.1f mg of coffee residue with water alone "
                        + "and none of the scale", removed))
                .contains(String.format(Locale.ROOT, "so the %.2f g are still in the machine", total / 1000))
                .contains("not minerals").contains("citric acid").contains("does nothing to coffee oils");
    }

    @Test
    void withoutAWaterTheReportSaysScaleWasNotSimulatedAndDrawsNoScaleChart(@TempDir Path dir) throws IOException {
        Document doc = report(dir, "--machine", "single-boiler", "--program", "water-5x10", "--fouled-days", "3");
        assertThat(doc.selectFirst("#chart-scale")).isNull();
        String words = doc.selectFirst("#descaling + p").text();
        assertThat(words).contains("Scale was not simulated").contains("This backflush removed ")
                .contains("removes no scale").contains("citric acid");
    }
}
