package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class CliTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackflushCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void theReferenceStepperRunsTheSameProgramWithTheSameFieldsAndAgrees() throws IOException {
        Outcome fixed = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--fouled-days", "7", "--json");
        Outcome reference = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--fouled-days", "7", "--json",
                "--stepper", "reference");
        assertThat(reference.code()).as(reference.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(fixed.out());
        JsonNode r = new ObjectMapper().readTree(reference.out());
        assertThat(fieldNames(r)).isEqualTo(fieldNames(f));
        assertThat(r.get("stepper").asText()).isEqualTo("reference");
        for (int i = 0; i < 5; i++) {
            JsonNode fc = f.get("cycles").get(i);
            JsonNode rc = r.get("cycles").get(i);
            assertThat(fieldNames(rc)).isEqualTo(fieldNames(fc));
            assertThat(rc.get("plateauBar").asDouble()).isCloseTo(fc.get("plateauBar").asDouble(), within(0.05));
            assertThat(rc.get("quietAfterSeconds").asDouble())
                    .isCloseTo(fc.get("quietAfterSeconds").asDouble(), withinPercentage(2));
            assertThat(rc.get("whooshVolumeMl").asDouble()).isCloseTo(fc.get("whooshVolumeMl").asDouble(), withinPercentage(2));
        }
        assertThat(Math.abs(r.get("water").get("balanceErrorMl").asDouble())).isLessThan(1e-6);
        Outcome bad = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--stepper", "rk4");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--stepper must be fixed or reference, got 'rk4'");
    }

    @Test
    void jsonIsOneObjectWithTheDocumentedFields() throws IOException {
        Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--json");
        assertThat(o.code()).isZero();
        assertThat(o.err()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertThat(root.isObject()).isTrue();
        assertThat(fieldNames(root)).containsExactly("machine", "program", "stepper", "dtSeconds", "simulatedSeconds",
                "cycles", "water", "detergentG", "residueBeforeMg", "residueAfterMg", "detergentLeftMg", "forced");
        assertThat(root.get("stepper").asText()).isEqualTo("fixed");
        assertThat(fieldNames(root.get("residueAfterMg"))).containsExactly("screen", "passage", "valve");
        assertThat(root.get("forced").asBoolean()).isFalse();
        assertThat(root.get("detergentG").asDouble()).isZero();
        assertThat(root.get("machine").asText()).isEqualTo("single-boiler");
        assertThat(root.get("dtSeconds").asDouble()).isEqualTo(0.001);
        assertThat(root.get("simulatedSeconds").asDouble()).isEqualTo(100.0);
        assertThat(root.get("cycles")).hasSize(5);
        JsonNode c = root.get("cycles").get(1);
        assertThat(fieldNames(c)).containsExactly("index", "phase", "pumpOnAtSeconds", "quietAfterSeconds", "plateauBar",
                "releaseAtSeconds", "whooshPeakFlowMlPerS", "whooshVolumeMl", "whooshDecaySeconds",
                "dischargeResidueMgPerMl", "dischargeDetergentMgPerMl");
        assertThat(c.get("index").asInt()).isEqualTo(2);
        assertThat(c.get("phase").asText()).isEqualTo("water");
        assertThat(c.get("pumpOnAtSeconds").asDouble()).isEqualTo(20.0);
        assertThat(c.get("releaseAtSeconds").asDouble()).isEqualTo(30.0);
        assertThat(fieldNames(root.get("water"))).containsExactly("fromTankMl", "returnedToTankMl", "toDripTrayMl",
                "toCupMl", "heldInMachineDeltaMl", "balanceErrorMl");
        // exactly one JSON document on stdout
        assertThat(new ObjectMapper().readerFor(JsonNode.class).readValues(o.out()).readAll()).hasSize(1);
    }

    @Test
    void quietAfterIsNullWhenThePumpNeverWentQuiet(@TempDir Path dir) throws IOException {
        Path program = dir.resolve("short.yaml");
        Files.writeString(program, "phases:\n  - {kind: water, cycles: 1, pumpOnSeconds: 0.5, releaseSeconds: 2}\n");
        Outcome o = run("run", "--machine", "single-boiler", "--program", program.toString(), "--json");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode cycle = new ObjectMapper().readTree(o.out()).get("cycles").get(0);
        assertThat(cycle.get("quietAfterSeconds").isNull()).isTrue();
    }

    @Test
    void aMachineWithoutAThreeWayValveIsRefusedAndNothingRuns(@TempDir Path dir) {
        Path csv = dir.resolve("trace.csv");
        Outcome o = run("run", "--machine", "no-3way", "--program", "water-5x10", "--csv", csv.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.out()).isEmpty();
        assertThat(o.err()).contains("no three-way solenoid valve").contains("trapped").contains("nothing was run");
        assertThat(csv).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void unknownNamesListTheValidOnes() {
        Outcome machine = run("run", "--machine", "gaggia", "--program", "water-5x10");
        assertThat(machine.code()).isEqualTo(2);
        assertThat(machine.err()).contains("gaggia").contains("single-boiler").contains("e61-hx").doesNotContain("Exception");
        Outcome program = run("run", "--machine", "single-boiler", "--program", "scrub");
        assertThat(program.code()).isEqualTo(2);
        assertThat(program.err()).contains("scrub").contains("water-5x10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.001", "NaN", "Infinity", "0.5", "abc", "1e-9"})
    void badStepsAreRefusedWithoutAStackTrace(String dt) {
        Outcome o = run("run", "--machine", "single-boiler", "--program", "water-5x10", "--dt", dt);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--dt").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void missingRequiredFlagsAndUnknownFlagsExitWithTwo() {
        assertThat(run("run", "--machine", "single-boiler").code()).isEqualTo(2);
        assertThat(run("run", "--machine", "single-boiler", "--program", "water-5x10", "--frobnicate").code()).isEqualTo(2);
        assertThat(run("fly").code()).isEqualTo(2);
    }

    @Test
    void csvTraceHasAHeaderAndOneRowPerTick(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("trace.csv");
        Outcome o = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--dt", "0.01", "--csv", csv.toString());
        assertThat(o.code()).as(o.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("time_s,group_bar,line_bar");
        assertThat(lines).hasSize(1 + 10_000);
        String[] last = lines.get(lines.size() - 1).split(",");
        assertThat(last).hasSize(lines.get(0).split(",").length);
        assertThat(Double.parseDouble(last[0])).isEqualTo(100.0);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(csv); // no temporary file left behind
        }
    }

    @Test
    void csvIntoAMissingDirectoryIsABadInput(@TempDir Path dir) {
        Path csv = dir.resolve("nope").resolve("trace.csv");
        Outcome o = run("run", "--machine", "e61-hx", "--program", "water-5x10", "--csv", csv.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("does not exist");
    }

    @Test
    void machineAndProgramFilesAreReadAndTheirErrorsNameFileFieldAndLine(@TempDir Path dir) throws IOException {
        Path machine = dir.resolve("my-gaggia.yaml");
        Files.writeString(machine, "preset: single-boiler\noverPressureValve:\n  crackingPressureBar: 12\n");
        Outcome ok = run("run", "--machine", machine.toString(), "--program", "water-5x10", "--json");
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(ok.out());
        assertThat(root.get("machine").asText()).isEqualTo("my-gaggia");
        assertThat(root.get("cycles").get(0).get("plateauBar").asDouble()).isBetween(12.0, 12.3);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "preset: single-boiler\nchamber:\n  freeVolumeMl: -5\n");
        Outcome refused = run("run", "--machine", bad.toString(), "--program", "water-5x10");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("bad.yaml:3").contains("chamber.freeVolumeMl").doesNotContain("Exception");

        Path program = dir.resolve("prog.yaml");
        Files.writeString(program, "phases:\n  - kind: water\n    cycles: 0\n    pumpOnSeconds: 10\n    releaseSeconds: 10\n");
        Outcome badProgram = run("run", "--machine", "single-boiler", "--program", program.toString());
        assertThat(badProgram.code()).isEqualTo(2);
        assertThat(badProgram.err()).contains("prog.yaml:3").contains("phases[0].cycles");
    }

    @Test
    void demoExplainsTheRun(@TempDir Path dir) {
        Outcome o = run("demo", "--out", dir.resolve("demo").toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("single-boiler").contains("detergent-5x10-rinse-5")
                .contains("pump went quiet after").contains("the whoosh").contains("Every millilitre is accounted for");
        assertThat(o.out().lines().filter(l -> l.startsWith("- Cycle"))).hasSize(10);
        assertThat(o.out()).contains(dir.resolve("demo").resolve("index.html").toString());
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String command : List.of("run", "demo", "report", "compare", "serve", "machines", "programs", "strategies")) {
            Outcome o = run(command, "--help");
            assertThat(o.code()).as(command).isZero();
            assertThat(o.out()).as(command).contains("Usage: backflush " + command);
        }
    }

    @Test
    void machinesAndProgramsAreListed() {
        Outcome machines = run("machines");
        assertThat(machines.code()).isZero();
        assertThat(machines.out()).contains("single-boiler").contains("e61-hx").contains("rotary-commercial").contains("no-3way");
        Outcome programs = run("programs");
        assertThat(programs.out()).contains("water-5x10").contains("detergent-5x10-rinse-5");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
