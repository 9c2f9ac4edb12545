package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backflush.sim.usage.ScaleFigure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.backflush.sim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** compare's CSV files carry the scale figures its JSON has, the same numbers under one name each. */
class CompareScaleCsvTest {
    /** One CSV file as rows of column name to cell. */
    private static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        assertThat(Arrays.stream(header).distinct().count()).as("no column named twice in " + file).isEqualTo(header.length);
        return lines.subList(1, lines.size()).stream().map(line -> {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            return row;
        }).toList();
    }

    private static JsonNode at(JsonNode node, String key) {
        for (String part : key.split("\\.")) {
            node = node.get(part);
        }
        return node;
    }

    @Test
    void theCsvFilesCarryEveryScaleFigureOfTheJsonWithTheSameNumbers(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c.csv");
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "water-daily,cafe-descale-monthly",
                "--days", "31", "--shots-per-day", "6", "--seeds", "2", "--hardness", "300", "--alkalinity", "200",
                "--csv", csv.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode strategies = new ObjectMapper().readTree(o.out()).get("strategies");
        List<Map<String, String>> table = rows(csv);
        List<Map<String, String>> seeds = rows(dir.resolve("c-seeds.csv"));
        List<Map<String, String>> days = rows(dir.resolve("c-days.csv"));
        assertThat(table).hasSize(2);
        assertThat(seeds).hasSize(4);
        assertThat(days).hasSize(2 * 2 * 31);
        for (int s = 0; s < 2; s++) {
            JsonNode strategy = strategies.get(s);
            for (ScaleFigure f : ScaleFigure.values()) {
                assertThat(Double.parseDouble(table.get(s).get(f.column()))).as("%s %s", strategy.get("name"), f)
                        .isEqualTo(at(strategy, f.key()).asDouble());
                for (int k = 0; k < 2; k++) {
                    assertThat(Double.parseDouble(seeds.get(2 * s + k).get(f.column()))).as("%s seed %d %s",
                            strategy.get("name"), k + 1, f).isEqualTo(at(strategy.get("perSeed").get(k).get("scale"), f.key()).asDouble());
                }
            }
            for (int k = 0; k < 2; k++) {
                JsonNode perDay = strategy.get("perSeed").get(k).get("scale").get("scalePerDayMg");
                for (int d = 0; d < 31; d++) {
                    Map<String, String> row = days.get((2 * s + k) * 31 + d);
                    assertThat(row.get("strategy")).isEqualTo(strategy.get("name").asText());
                    assertThat(Double.parseDouble(row.get("scale_mg"))).isEqualTo(perDay.get(d).asDouble());
                }
            }
        }
        // the descaling strategy used acid and time, the other none: the columns carry real figures
        assertThat(Double.parseDouble(table.get(1).get("acid_used_g"))).isEqualTo(50.0);
        assertThat(Double.parseDouble(table.get(1).get("descale_minutes"))).isPositive();
        assertThat(Double.parseDouble(table.get(0).get("descale_minutes"))).isZero();
        assertThat(Double.parseDouble(table.get(0).get("scale_element_mg")))
                .isGreaterThan(Double.parseDouble(table.get(1).get("scale_element_mg")));
    }

    @Test
    void withoutAWaterTheScalePerSiteIsEmptyAsTheJsonIsNull(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("c.csv");
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "water-daily", "--days", "2",
                "--shots-per-day", "3", "--csv", csv.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode strategy = new ObjectMapper().readTree(o.out()).get("strategies").get(0);
        assertThat(strategy.get("scaleMg").isNull()).isTrue();
        Map<String, String> row = rows(csv).get(0);
        assertThat(row.get("scale_element_mg")).isEmpty();
        assertThat(Double.parseDouble(row.get("litres_heated"))).isEqualTo(strategy.get("litresHeated").asDouble());
        assertThat(rows(dir.resolve("c-days.csv")).get(0).get("scale_mg")).isEmpty();
    }
}
