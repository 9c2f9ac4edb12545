package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.backflush.sim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The water flags, the scale in run and compare JSON, and advise (docs/model.md §14). */
class ScaleCliTest {
    @Test
    void compareWithAWaterReportsScalePerSiteAndWhatDescalingCost() throws IOException {
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "detergent-daily,cafe-descale-monthly",
                "--days", "30", "--shots-per-day", "20", "--fixed-shots", "--hardness", "175", "--alkalinity", "125", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertThat(root.get("water").get("hardnessMgPerL").asDouble()).isEqualTo(175.0);
        JsonNode never = root.get("strategies").get(0);
        JsonNode descaled = root.get("strategies").get(1);
        List<String> sites = new ArrayList<>();
        never.get("scaleMg").fieldNames().forEachRemaining(sites::add);
        assertThat(sites).containsExactly("element", "boiler", "gicleur", "seat", "exhaust", "screen");
        assertThat(never.get("descaleMinutes").asDouble()).isZero();
        assertThat(never.get("acidUsedG").asDouble()).isZero();
        assertThat(descaled.get("acidUsedG").asDouble()).isEqualTo(50.0); // one descale, on day 30
        assertThat(descaled.get("descaleMinutes").asDouble()).isBetween(20.0, 60.0);
        assertThat(descaled.get("litresHeated").asDouble()).isGreaterThan(never.get("litresHeated").asDouble());
        assertThat(descaled.get("scaleMg").get("element").asDouble())
                .isLessThan(0.3 * never.get("scaleMg").get("element").asDouble());
        assertThat(descaled.get("acidTaintedShots").asDouble()).isZero();

        CliTest.Outcome table = run("compare", "--machine", "single-boiler", "--strategies", "water-daily",
                "--days", "2", "--shots-per-day", "2", "--hardness", "300");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("scale from water of hardness 300 and alkalinity 40 mg/L as CaCO3")
                .contains("different jobs");
        for (String line : table.out().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void theComparisonsChartsAndPageShowTheScaleAndWhyDescalingIsAnotherJob(@TempDir Path dir) throws IOException {
        Path plots = dir.resolve("plots");
        Path page = dir.resolve("page");
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "water-daily,home-descale-quarterly",
                "--days", "3", "--shots-per-day", "3", "--hardness", "300", "--alkalinity", "200", "--plot", plots.toString(),
                "--html", page.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(plots.resolve("compare-scale-days.png")).exists();
        assertThat(Files.readString(page.resolve("index.html"))).contains("Most scale: ").contains("different jobs");
        Path plain = dir.resolve("plain");
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "water-daily", "--days", "2",
                "--shots-per-day", "2", "--plot", plain.toString()).code()).isZero();
        assertThat(plain.resolve("compare-scale-days.png")).doesNotExist();
    }

    @Test
    void aMachineFileCanSayWhatWaterItIsFedAndTheFlagsOverrideIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-gaggia.yaml");
        Files.writeString(file, "preset: single-boiler\nwater:\n  hardnessMgPerL: 300\n  alkalinityMgPerL: 200\n");
        JsonNode fromFile = new ObjectMapper().readTree(run("compare", "--machine", file.toString(), "--strategies",
                "water-daily", "--days", "3", "--shots-per-day", "3", "--json").out());
        assertThat(fromFile.get("water").get("hardnessMgPerL").asDouble()).isEqualTo(300.0);
        double fileScale = fromFile.get("strategies").get(0).get("scaleMg").get("element").asDouble();
        JsonNode flags = new ObjectMapper().readTree(run("compare", "--machine", file.toString(), "--strategies",
                "water-daily", "--days", "3", "--shots-per-day", "3", "--hardness", "175", "--alkalinity", "125",
                "--json").out());
        assertThat(flags.get("water").get("hardnessMgPerL").asDouble()).isEqualTo(175.0);
        assertThat(flags.get("strategies").get(0).get("scaleMg").get("element").asDouble()).isLessThan(fileScale);
        Files.writeString(file, "preset: single-boiler\nwater:\n  hardnessMgPerL: 300\n  alkalinityMgPerL: 2000\n");
        CliTest.Outcome bad = run("compare", "--machine", file.toString(), "--strategies", "water-daily");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("my-gaggia.yaml:4:").contains("water.alkalinityMgPerL");
    }

    @Test
    void runAfterDaysOfUseInHardWaterReportsTheScaleTheyLeft() throws IOException {
        CliTest.Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--fouled-days", "30",
                "--shots-per-day", "10", "--hardness", "300", "--alkalinity", "200", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode scale = new ObjectMapper().readTree(o.out()).get("scaleMg");
        assertThat(scale.get("element").asDouble()).isGreaterThan(scale.get("gicleur").asDouble()).isGreaterThan(0.0);
        CliTest.Outcome clean = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--json");
        assertThat(new ObjectMapper().readTree(clean.out()).has("scaleMg")).as("no water, no scale").isFalse();
    }

    @Test
    void badWaterAndMisplacedDescaleProgramsAreOneLineAndExit2BeforeAnySimulation(@TempDir Path dir) throws IOException {
        String[][] bad = {
            {"compare", "--machine", "single-boiler", "--strategies", "none", "--hardness", "-5"},
            {"compare", "--machine", "single-boiler", "--strategies", "none", "--alkalinity", "1001"},
            {"compare", "--machine", "single-boiler", "--strategies", "none", "--hardness", "100", "--softening", "1.5"},
            {"compare", "--machine", "single-boiler", "--strategies", "none", "--softening", "0.5"},
            {"compare", "--machine", "single-boiler", "--strategies", "none", "--hardness", "hard"},
            {"run", "--machine", "single-boiler", "--program", "descale-manufacturer"},
            {"advise", "--shots-per-day", "10"},
            {"advise", "--hardness", "100", "--shots-per-day", "-1"},
        };
        String[] expected = {"--hardness must be between 0 and 1000", "--alkalinity must be between 0 and 1000",
            "--softening must be between 0 and 1", "--softening needs --hardness", "--hardness", "open group",
            "advise needs the water", "--shots-per-day must be between 0 and 500"};
        for (int i = 0; i < bad.length; i++) {
            CliTest.Outcome o = run(bad[i]);
            assertThat(o.code()).as(String.join(" ", bad[i])).isEqualTo(2);
            assertThat(o.err().strip()).as(String.join(" ", bad[i])).contains(expected[i]).doesNotContain("\n")
                    .doesNotContain("Exception");
            assertThat(o.out()).isEmpty();
        }
        Path strategy = dir.resolve("both.yaml");
        Files.writeString(strategy, "tasks:\n  - everyDays: 30\n    everyLitres: 200\n    program: descale-manufacturer\n");
        CliTest.Outcome both = run("compare", "--machine", "single-boiler", "--strategies", strategy.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("both.yaml:2:").contains("everyDays").contains("not both");
    }

    @Test
    void adviseSaysHowOftenToCleanAndDescaleAndWhatItCosts() throws IOException {
        CliTest.Outcome o = run("advise", "--hardness", "175", "--alkalinity", "125", "--shots-per-day", "10");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("water backflush      every day").contains("detergent backflush  every 7 days")
                .contains("descale              every ").contains("g of citric acid").contains("<- advised");
        for (String line : o.out().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
        JsonNode json = new ObjectMapper().readTree(run("advise", "--hardness", "175", "--alkalinity", "125",
                "--shots-per-day", "10", "--json").out());
        assertThat(json.get("detergentEveryDays").asInt()).isEqualTo(7);
        assertThat(json.get("descaleEveryDays").asInt()).isBetween(30, 120);
        assertThat(json.get("acidPerDescaleG").asDouble()).isEqualTo(50.0);
    }
}
