package io.backflush.core.machine;

import io.backflush.core.hydraulics.RotaryPumpParameters;
import io.backflush.core.hydraulics.VibratoryPumpParameters;
import io.backflush.core.param.RecordBinder;
import io.backflush.core.param.YamlDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MachineFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private MachineFileException failure(String yaml) throws IOException {
        Path file = write("my-gaggia.yaml", yaml);
        try {
            MachineFiles.load(file);
        } catch (MachineFileException e) {
            assertThat(e.getMessage()).startsWith(file.toString()).isNotBlank();
            return e;
        }
        throw new AssertionError("expected a MachineFileException for\n" + yaml);
    }

    private static void assertAt(MachineFileException e, String path, int line) {
        assertThat(e.fieldPath()).isEqualTo(path);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(path).contains(":" + line + ":");
    }

    // ---- good files --------------------------------------------------------------------------

    @Test
    void overridesMergeIntoThePreset() throws IOException {
        Machine machine = MachineFiles.load(write("my-gaggia.yaml", """
                preset: single-boiler        # required
                description: Gaggia with a 12 bar OPV
                overPressureValve:
                  crackingPressureBar: 12
                chamber:
                  freeVolumeMl: 50
                """));
        MachineParameters p = machine.parameters();
        assertThat(p.name()).isEqualTo("my-gaggia");
        assertThat(p.description()).isEqualTo("Gaggia with a 12 bar OPV");
        assertThat(p.overPressureValve().crackingPressureBar()).isEqualTo(12.0);
        assertThat(p.overPressureValve().gainMlPerSBar()).isEqualTo(40.0);
        assertThat(p.chamber().freeVolumeMl()).isEqualTo(50.0);
        assertThat(p.chamber().complianceMlPerBar()).isEqualTo(Presets.singleBoiler().chamber().complianceMlPerBar());
        assertThat(p.boiler()).isEqualTo(Presets.singleBoiler().boiler());
        assertThat(machine.reliefPressureBar()).isCloseTo(12.1, within(0.1));
    }

    @Test
    void explicitNullRemovesOptionalComponentsAndTypeChangeReplacesThePump() throws IOException {
        Machine machine = MachineFiles.load(write("rotary.yml", """
                preset: single-boiler
                name: rotary-gaggia
                threeWayValve: null
                overPressureValve: null
                gicleur:
                  diameterMm: 0.6
                  dischargeCoefficient: 0.7
                pump:
                  type: rotary
                  nominalFlowMlPerS: 28
                  bypassPressureBar: 9
                  bypassGainMlPerSBar: 200
                """));
        MachineParameters p = machine.parameters();
        assertThat(p.name()).isEqualTo("rotary-gaggia");
        assertThat(p.description()).contains("single-boiler");
        assertThat(p.hasThreeWayValve()).isFalse();
        assertThat(p.overPressureValve()).isNull();
        assertThat(p.gicleur().diameterMm()).isEqualTo(0.6);
        assertThat(p.pump()).isEqualTo(new RotaryPumpParameters(28, 9, 200));
    }

    @Test
    void pumpFieldsMergeWhenTheTypeIsKept() throws IOException {
        Machine machine = MachineFiles.load(write("us.yaml", """
                preset: e61-hx
                pump:
                  type: vibratory
                  mainsHz: 60
                """));
        assertThat(machine.parameters().pump()).isEqualTo(new VibratoryPumpParameters("ulka-e5", 50, 60));
    }

    @Test
    void pumpCurvePathIsRelativeToTheFile() throws IOException {
        Files.createDirectories(dir.resolve("machines"));
        Files.writeString(dir.resolve("machines/curve.csv"), """
                pressure_barg,flow_ml_per_s
                0,10
                5,6
                10,2
                12,0
                """);
        Machine machine = MachineFiles.load(write("machines/weak.yaml", """
                preset: no-3way
                pump:
                  curve: curve.csv
                """));
        assertThat(machine.pump().zeroFlowPressureBar()).isEqualTo(12.0);
    }

    @Test
    void aFileOverridesTheChamberWaterCouplingAndThePuck() throws IOException {
        Machine machine = MachineFiles.load(write("puck.yaml", """
                preset: rotary-commercial
                groupHead:
                  chamberWaterCouplingWPerK: 8
                puck:
                  absorptionMl: 12
                  erosionFactor: 3.5
                """));
        assertThat(machine.parameters().groupHead().chamberWaterCouplingWPerK()).isEqualTo(8.0);
        assertThat(machine.parameters().groupHead().boilerCouplingWPerK()).isEqualTo(8.0);
        assertThat(machine.parameters().puck()).isEqualTo(new io.backflush.core.hydraulics.PuckParameters(12.0,
                io.backflush.core.hydraulics.PuckParameters.DEFAULT_SWELLING_FRACTION, 3.5,
                io.backflush.core.hydraulics.PuckParameters.DEFAULT_EROSION_VOLUME_ML));
        assertThat(MachineFiles.load(write("plain.yaml", "preset: single-boiler\n")).parameters().puck())
                .isEqualTo(io.backflush.core.hydraulics.PuckParameters.defaults());
    }

    @Test
    void badChamberWaterCouplingAndPuckValuesAreRefusedWithTheirLine() throws IOException {
        assertAt(failure("preset: single-boiler\ngroupHead:\n  chamberWaterCouplingWPerK: -1\n"),
                "groupHead.chamberWaterCouplingWPerK", 3);
        assertAt(failure("preset: single-boiler\npuck:\n  swellingFraction: 0.5\n  erosionFactor: 0.5\n"),
                "puck.erosionFactor", 4);
        assertAt(failure("preset: single-boiler\npuck:\n  absorptionMl: lots\n"), "puck.absorptionMl", 3);
    }

    static Iterable<String> presetNames() {
        return Presets.names();
    }

    @ParameterizedTest
    @MethodSource("presetNames")
    void everyPresetLoadsThroughAFileNamingIt(String preset) throws IOException {
        Machine machine = MachineFiles.load(write(preset + "-copy.yaml", "preset: " + preset + "\n"));
        MachineParameters expected = Presets.find(preset).orElseThrow();
        assertThat(machine.parameters().withName(expected.name(), expected.description())).isEqualTo(expected);
        assertThat(machine.name()).isEqualTo(preset + "-copy");
        assertThat(machine.reliefPressureBar()).isEqualTo(Machine.of(expected).reliefPressureBar());
    }

    @ParameterizedTest
    @MethodSource("presetNames")
    void everyPresetRoundTripsThroughATree(String preset) {
        MachineParameters expected = Presets.find(preset).orElseThrow();
        YamlDocument document = YamlDocument.parse("test", "x: 1\n");
        assertThat(RecordBinder.bind(document, RecordBinder.toTree(expected), MachineParameters.class)).isEqualTo(expected);
        assertThat(RecordBinder.toTree(expected).toString())
                .doesNotContain("waterCoefficient", "effectiveAreaM2", "hasThreeWayValve", "resistance");
    }

    @Test
    void resolveTakesPresetNamesAndPaths() throws IOException {
        assertThat(MachineFiles.resolve("e61-hx").parameters()).isEqualTo(Presets.e61Hx());
        Path file = write("mine.yaml", "preset: e61-hx\nchamber:\n  freeVolumeMl: 70\n");
        assertThat(MachineFiles.resolve(file.toString()).parameters().chamber().freeVolumeMl()).isEqualTo(70.0);
    }

    @Test
    void parseReadsTextWithoutAFile() {
        Machine machine = MachineFiles.parse("inline/test.yaml", "preset: rotary-commercial\n", null);
        assertThat(machine.name()).isEqualTo("test");
    }

    // ---- errors: one per kind ----------------------------------------------------------------

    @Test
    void unknownFieldSuggestsTheClosestName() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                chamber:
                  freeVolumeML: 50
                """);
        assertAt(e, "chamber.freeVolumeML", 3);
        assertThat(e.getMessage()).contains("unknown field").contains("did you mean 'freeVolumeMl'");
    }

    @Test
    void misspeltFieldIsReportedRatherThanTheMissingOne() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                overPressureValve: null
                pump:
                  type: rotary
                  nominalFlowMlPerS: 28
                  bypassPresureBar: 9
                  bypassGainMlPerSBar: 200
                """);
        assertAt(e, "pump.bypassPresureBar", 6);
        assertThat(e.getMessage()).contains("did you mean 'bypassPressureBar'");
    }

    @Test
    void unknownTopLevelField() throws IOException {
        MachineFileException e = failure("preset: single-boiler\n\nboiller:\n  volumeMl: 300\n");
        assertAt(e, "boiller", 3);
        assertThat(e.getMessage()).contains("did you mean 'boiler'");
    }

    @Test
    void wrongType() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                chamber:
                  complianceMlPerBar: 0.5
                  freeVolumeMl: lots
                """);
        assertAt(e, "chamber.freeVolumeMl", 4);
        assertThat(e.getMessage()).contains("expected a number, got 'lots'");
    }

    @Test
    void scalarWhereABlockBelongs() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nchamber: 45\n");
        assertAt(e, "chamber", 2);
        assertThat(e.getMessage()).contains("expected a mapping of fields, got 45");
    }

    @Test
    void negativeVolume() throws IOException {
        MachineFileException e = failure("""
                preset: e61-hx
                chamber:
                  freeVolumeMl: -5
                """);
        assertAt(e, "chamber.freeVolumeMl", 3);
        assertThat(e.getMessage()).contains("must be between 1.0 and 1000.0, got -5.0");
    }

    @Test
    void nestedRecordErrorsCarryTheFullPath() throws IOException {
        MachineFileException e = failure("""
                preset: e61-hx
                threeWayValve:
                  exhaust:
                    diameterMm: 0
                """);
        assertAt(e, "threeWayValve.exhaust.diameterMm", 4);
    }

    @Test
    void notANumber() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nboiler:\n  volumeMl: .nan\n");
        assertAt(e, "boiler.volumeMl", 3);
        assertThat(e.getMessage()).contains("finite").contains("NaN");
    }

    @Test
    void infinity() throws IOException {
        MachineFileException e = failure("preset: single-boiler\ngroupHead:\n  massKg: .inf\n");
        assertAt(e, "groupHead.massKg", 3);
        assertThat(e.getMessage()).contains("finite").contains("Infinity");
    }

    @Test
    void missingValue() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                chamber:
                  freeVolumeMl:
                """);
        assertAt(e, "chamber.freeVolumeMl", 3);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void requiredBlockRemoved() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nsensors:\n  temperatureLagSeconds: 3\nchamber: null\n");
        assertAt(e, "chamber", 4);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void requiredFieldAbsentWhenThePumpTypeChanges() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                overPressureValve: null
                pump:
                  type: rotary
                  nominalFlowMlPerS: 28
                  bypassGainMlPerSBar: 200
                """);
        assertAt(e, "pump.bypassPressureBar", 3);
        assertThat(e.getMessage()).contains("is missing");
    }

    @Test
    void unknownPumpType() throws IOException {
        MachineFileException e = failure("preset: single-boiler\npump:\n  type: piston\n");
        assertAt(e, "pump.type", 3);
        assertThat(e.getMessage()).contains("unknown type 'piston'").contains("rotary").contains("vibratory");
    }

    @Test
    void unknownPresetListsTheValidOnes() throws IOException {
        MachineFileException e = failure("# my machine\npreset: single-boiller\n");
        assertAt(e, "preset", 2);
        assertThat(e.getMessage()).contains("unknown preset 'single-boiller'")
                .contains("did you mean 'single-boiler'")
                .contains("single-boiler, e61-hx, rotary-commercial, no-3way");
    }

    @Test
    void missingPreset() throws IOException {
        MachineFileException e = failure("chamber:\n  freeVolumeMl: 50\n");
        assertAt(e, "preset", 1);
        assertThat(e.getMessage()).contains("is missing").contains("e61-hx");
    }

    @Test
    void reliefValveAboveThePumpsStallPressure() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                overPressureValve:
                  crackingPressureBar: 30
                """);
        assertAt(e, "overPressureValve.crackingPressureBar", 3);
        assertThat(e.getMessage()).contains("stall pressure");
    }

    @Test
    void presetValueInConflictIsAttributedToThePreset() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("weak.csv"), "pressure_barg,flow_ml_per_s\n0,10\n5,0\n");
        MachineFileException e = failure("preset: single-boiler\npump:\n  curve: weak.csv\n");
        assertAt(e, "overPressureValve.crackingPressureBar", 1);
        assertThat(e.getMessage()).contains("value from preset 'single-boiler'");
    }

    @Test
    void missingPumpCurveFile() throws IOException {
        MachineFileException e = failure("preset: single-boiler\npump:\n  curve: nowhere.csv\n");
        assertAt(e, "pump.curve", 3);
    }

    @Test
    void malformedYaml() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nchamber:\n  freeVolumeMl: [50\n  complianceMlPerBar: 1\n");
        assertThat(e.line()).isGreaterThanOrEqualTo(3);
        assertThat(e.getMessage()).contains("malformed YAML");
    }

    @Test
    void malformedIndentation() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nchamber:\n  freeVolumeMl: 50\n complianceMlPerBar: 1\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("malformed YAML");
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(failure("").getMessage()).contains("empty");
        assertThat(failure("# nothing but a comment\n").getMessage()).contains("empty");
    }

    @Test
    void fileNotFound() {
        Path missing = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> MachineFiles.load(missing))
                .isInstanceOf(MachineFileException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void directoryIsNotAFile() {
        assertThatThrownBy(() -> MachineFiles.load(dir))
                .isInstanceOf(MachineFileException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void notUtf8() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'p', 'r', 'e', 's', 'e', 't', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> MachineFiles.load(file))
                .isInstanceOf(MachineFileException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void topLevelIsNotAMapping() throws IOException {
        MachineFileException e = failure("# list\n- preset\n- single-boiler\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("expected a mapping").contains("got a list");
        assertThat(failure("single-boiler\n").getMessage()).contains("got a single value");
    }

    @Test
    void aliasesAreRefused() throws IOException {
        MachineFileException e = failure("""
                preset: single-boiler
                chamber:
                  freeVolumeMl: &v 50
                  complianceMlPerBar: *v
                """);
        assertAt(e, "chamber.complianceMlPerBar", 4);
        assertThat(e.getMessage()).contains("aliases");
    }

    @Test
    void duplicateField() throws IOException {
        MachineFileException e = failure("preset: single-boiler\nchamber:\n  freeVolumeMl: 50\n  freeVolumeMl: 60\n");
        assertAt(e, "chamber.freeVolumeMl", 4);
        assertThat(e.getMessage()).contains("duplicate").contains("line 3");
    }

    @Test
    void moreThanOneDocument() throws IOException {
        MachineFileException e = failure("preset: single-boiler\n---\npreset: e61-hx\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("one YAML document");
    }

    @Test
    void resolveUnknownNameListsThePresets() {
        assertThatThrownBy(() -> MachineFiles.resolve("e61-xh"))
                .isInstanceOf(MachineFileException.class)
                .hasMessageContaining("e61-xh: no such preset or file")
                .hasMessageContaining("did you mean 'e61-hx'")
                .hasMessageContaining("single-boiler, e61-hx, rotary-commercial, no-3way");
    }
}
