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

class CompareCommandTest {

    @Test
    void jsonHasOneRowPerStrategyWithTheDocumentedFields() throws IOException {
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "none,water-daily-detergent-weekly",
                "--days", "8", "--shots-per-day", "10", "--roast", "dark", "--seeds", "2", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).as("no progress bar when not on a terminal").isEmpty();
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertThat(names(root)).containsExactly("machine", "days", "shotsPerDay", "roast", "seeds", "water", "strategies",
                "verdicts");
        assertThat(root.get("water").isNull()).as("no --hardness: scale not simulated").isTrue();
        assertThat(root.get("days").asInt()).isEqualTo(8);
        assertThat(root.get("seeds").asInt()).isEqualTo(2);
        JsonNode rows = root.get("strategies");
        assertThat(rows).hasSize(2);
        assertThat(names(rows.get(0))).containsExactly("name", "meanCupPenalty", "worstCupPenalty", "residueEndMg",
                "waterUsedMl", "detergentUsedG", "cleaningMinutes", "taintedShots", "dripDays", "scaleMg", "litresHeated",
                "descaleMinutes", "acidUsedG", "acidTaintedShots", "residuePerDayMg", "cupPenaltyPerDay", "spread", "perSeed");
        assertThat(rows.get(0).get("scaleMg").isNull()).isTrue();
        assertThat(rows.get(1).get("litresHeated").asDouble()).as("8 days x 10 shots and a weekly clean")
                .isGreaterThan(rows.get(0).get("litresHeated").asDouble()).isGreaterThan(80 * 0.036);
        assertThat(names(rows.get(0).get("residueEndMg"))).containsExactly("screen", "passage", "valve");
        assertThat(rows.get(0).get("residuePerDayMg")).hasSize(8);
        assertThat(rows.get(0).get("cupPenaltyPerDay")).hasSize(8);
        // a machine never cleaned ends its last day with the residue the table reports, all sites together
        double end = 0;
        for (JsonNode site : rows.get(0).get("residueEndMg")) {
            end += site.asDouble();
        }
        assertThat(rows.get(0).get("residuePerDayMg").get(7).asDouble()).isCloseTo(end, org.assertj.core.data.Offset.offset(1e-6 * end));
        JsonNode spread = rows.get(1).get("spread").get("meanCupPenalty");
        assertThat(names(spread)).containsExactly("mean", "sd", "ci95Low", "ci95High", "n");
        assertThat(spread.get("mean").asDouble()).isEqualTo(rows.get(1).get("meanCupPenalty").asDouble());
        assertThat(spread.get("ci95Low").asDouble()).isLessThan(spread.get("mean").asDouble());
        assertThat(spread.get("ci95High").asDouble()).isGreaterThan(spread.get("mean").asDouble());
        JsonNode seeds = rows.get(1).get("perSeed");
        assertThat(seeds).hasSize(2);
        assertThat(seeds.get(0).get("seed").asLong()).isEqualTo(1);
        assertThat(seeds.get(1).get("cupPenaltyPerDay")).hasSize(8);
        assertThat((seeds.get(0).get("meanCupPenalty").asDouble() + seeds.get(1).get("meanCupPenalty").asDouble()) / 2)
                .isCloseTo(spread.get("mean").asDouble(), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(root.get("verdicts")).hasSize(2);
        assertThat(root.get("verdicts").get(1).get("figure").asText()).isEqualTo("waterUsedMl");
        JsonNode none = rows.get(0);
        JsonNode weekly = rows.get(1);
        assertThat(none.get("name").asText()).isEqualTo("none");
        assertThat(none.get("waterUsedMl").asDouble()).isZero();
        assertThat(none.get("detergentUsedG").asDouble()).isZero();
        assertThat(weekly.get("detergentUsedG").asDouble()).isEqualTo(3.0); // one weekly clean in 8 days
        assertThat(weekly.get("cleaningMinutes").asDouble()).isGreaterThan(0);
        assertThat(weekly.get("meanCupPenalty").asDouble()).isLessThan(none.get("meanCupPenalty").asDouble());
        assertThat(weekly.get("worstCupPenalty").asDouble()).isGreaterThanOrEqualTo(weekly.get("meanCupPenalty").asDouble());
    }

    @Test
    void theTableAndTheCsvCarryTheSameRows(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("compare.csv");
        CliTest.Outcome o = run("compare", "--machine", "e61-hx", "--strategies", "none,water-daily,until-clear",
                "--days", "3", "--shots-per-day", "4", "--fixed-shots", "--csv", csv.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("none").contains("water-daily").contains("until-clear").contains("cup penalty");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("strategy,mean_cup_penalty").contains(",mean_cup_penalty_sd,")
                .contains(",seeds,scale_element_mg,").endsWith(",acid_tainted_shots");
        assertThat(lines.get(1)).startsWith("none,").contains(",1,,,,,,,"); // one seed; no water, no scale per site
        Path seeds = dir.resolve("compare-seeds.csv");
        Path days = dir.resolve("compare-days.csv");
        assertThat(Files.readAllLines(seeds)).hasSize(4).first().asString().startsWith("strategy,seed,shots,mean_cup_penalty");
        List<String> dayRows = Files.readAllLines(days);
        assertThat(dayRows).hasSize(1 + 3 * 3);
        assertThat(dayRows.get(0)).isEqualTo("strategy,seed,day,residue_mg,cup_penalty,scale_mg");
        assertThat(dayRows.get(3)).startsWith("none,1,3,");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(csv, seeds, days);
        }
    }

    @Test
    void aVerdictOnlyWhereTheSeedsSeparateTheStrategies(@TempDir Path dir) throws IOException {
        // a copy of water-daily under another name: the same lives seed by seed, so never a winner
        Path twin = dir.resolve("twin.yaml");
        Files.writeString(twin, "tasks:\n  - { everyDays: 1, program: water-5x10 }\n");
        CliTest.Outcome o = run("compare", "--machine", "single-boiler", "--strategies", "water-daily," + twin,
                "--days", "3", "--shots-per-day", "3", "--seeds", "3");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("Cleanest cups: no clear difference between").contains("Least water: no clear difference")
                .contains("± 95 %");
        // never cleaned against daily detergent: fewer residue, clearly; no water against some
        CliTest.Outcome c = run("compare", "--machine", "single-boiler", "--strategies", "none,detergent-daily",
                "--days", "4", "--shots-per-day", "6", "--seeds", "3", "--json");
        assertThat(c.code()).as(c.err()).isZero();
        JsonNode verdicts = new ObjectMapper().readTree(c.out()).get("verdicts");
        assertThat(verdicts.get(0).get("title").asText()).isEqualTo("cleanest cups");
        assertThat(verdicts.get(0).get("winner").asText()).isEqualTo("detergent-daily");
        assertThat(verdicts.get(1).get("winner").asText()).isEqualTo("none");
        // one seed: no interval, so no verdict
        CliTest.Outcome single = run("compare", "--machine", "single-boiler", "--strategies", "none,detergent-daily",
                "--days", "2", "--shots-per-day", "2");
        assertThat(single.out()).contains("Cleanest cups: no clear difference").contains("one common seed")
                .doesNotContain("± 95 %");
    }

    @Test
    void strategyFilesAreReadAndBadOnesNameTheLine(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("sundays.yaml");
        Files.writeString(good, "description: detergent on Sundays only\ntasks:\n  - everyDays: 7\n"
                + "    program: detergent-5x10-rinse-5\n    detergentGrams: 3\n");
        CliTest.Outcome ok = run("compare", "--machine", "single-boiler", "--strategies", good.toString(),
                "--days", "7", "--shots-per-day", "2", "--json");
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode row = new ObjectMapper().readTree(ok.out()).get("strategies").get(0);
        assertThat(row.get("name").asText()).isEqualTo("sundays");
        assertThat(row.get("detergentUsedG").asDouble()).isEqualTo(3.0);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "tasks:\n  - everyDays: 7\n    program: scrubbing\n");
        CliTest.Outcome refused = run("compare", "--machine", "single-boiler", "--strategies", bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.yaml:3").contains("tasks[0].program").doesNotContain("Exception");
    }

    @Test
    void badFlagsExitWithTwo() {
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "nope").err()).contains("nope").contains("water-daily");
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "none", "--days", "0").code()).isEqualTo(2);
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "none", "--seeds", "-1").code()).isEqualTo(2);
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "none", "--roast", "burnt").code()).isEqualTo(2);
        assertThat(run("compare", "--machine", "single-boiler", "--strategies", "none", "--threads", "0").code()).isEqualTo(2);
    }

    @Test
    void strategiesAreListed() {
        CliTest.Outcome o = run("strategies");
        assertThat(o.code()).isZero();
        for (String name : List.of("none", "water-daily", "water-daily-detergent-weekly", "detergent-daily", "clive-5x10",
                "clevercoffee-5x5-10", "decent-forward-flush", "until-clear")) {
            assertThat(o.out()).contains(name);
        }
    }

    @Test
    void runReportsResidueAndDetergentAndForcesOnlyWhenAsked() throws IOException {
        CliTest.Outcome o = run("run", "--machine", "single-boiler", "--program", "detergent-5x10-rinse-5",
                "--fouled-days", "7", "--detergent", "3", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertThat(root.get("detergentG").asDouble()).isEqualTo(3.0);
        double before = sum(root.get("residueBeforeMg"));
        double after = sum(root.get("residueAfterMg"));
        assertThat(before).isGreaterThan(100);
        assertThat(after).isLessThan(0.3 * before);
        assertThat(root.get("detergentLeftMg").asDouble()).isLessThan(2.0);
        JsonNode first = root.get("cycles").get(0);
        assertThat(first.get("dischargeResidueMgPerMl").asDouble()).isGreaterThan(1.0);
        assertThat(first.get("dischargeDetergentMgPerMl").asDouble()).isGreaterThan(1.0);

        assertThat(run("run", "--machine", "single-boiler", "--program", "water-5x10", "--detergent", "3").err())
                .contains("no detergent phase");
        CliTest.Outcome forced = run("run", "--machine", "no-3way", "--program", "detergent-5x10-rinse-5", "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("FORCED").contains("trapped").contains("boiler");
    }

    private static double sum(JsonNode node) {
        double total = 0;
        for (JsonNode v : node) {
            total += v.asDouble();
        }
        return total;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
