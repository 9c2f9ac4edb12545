package io.backflush.sim.firmware;

import io.backflush.sim.cli.BackflushCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Arduino host kit's examples (clients/arduino/examples) and test sketches, compiled with the
 * system's g++ by {@code backflush firmware run} and run in lockstep against the plant; what they
 * did is read from the session trace. Skipped when g++ is not installed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ArduinoKitTest {
    static final Path KIT = Path.of("..", "clients", "arduino").toAbsolutePath().normalize();
    static final Path EXAMPLES = KIT.resolve("examples");
    static final Path SKETCHES = Path.of("src", "test", "resources", "io", "backflush", "sim", "firmware").toAbsolutePath();
    /** Kept between runs of the build (mvn clean removes it): the kit compiles once. */
    static final Path CACHE = Path.of("target", "arduino-kit-cache").toAbsolutePath();

    @BeforeAll
    static void needsCompiler() {
        assumeTrue(SketchBuilder.findCompiler() != null, "no g++ on PATH: the Arduino host kit cannot be compiled");
    }

    record Result(int exit, String out, String err) {
        String value(String key) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=(.*)$").matcher(out);
            assertThat(m.find()).as("%s= in the output:%n%s", key, out).isTrue();
            return m.group(1).strip();
        }
    }

    static Result firmware(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("firmware", "run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--kit", KIT.toString(), "--cache", CACHE.toString(), "--wall-timeout", "120"));
        int code = BackflushCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    static Result example(String name, Path trace, String machine, double until, String... more) {
        List<String> args = new ArrayList<>(List.of(EXAMPLES.resolve(name).toString(), "--pins",
                EXAMPLES.resolve(name).resolve("pins.json").toString(), "--machine", machine, "--until", String.valueOf(until),
                "--trace", trace.toString()));
        args.addAll(List.of(more));
        return firmware(args.toArray(String[]::new));
    }

    /** The session trace's rows, by column name. */
    record Trace(Map<String, Integer> columns, List<double[]> rows) {
        static Trace read(Path file) throws IOException {
            Map<String, Integer> columns = new HashMap<>();
            List<double[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("seq,")) {
                    String[] names = line.split(",");
                    for (int i = 0; i < names.length; i++) {
                        columns.put(names[i], i);
                    }
                } else if (!line.startsWith("#") && !line.isEmpty()) {
                    String[] f = line.split(",");
                    double[] row = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        row[i] = Double.parseDouble(f[i]);
                    }
                    rows.add(row);
                }
            }
            return new Trace(columns, rows);
        }

        double get(double[] row, String column) {
            Integer i = columns.get(column);
            assertThat(i).as("trace column %s", column).isNotNull();
            return row[i];
        }

        static double seconds(Trace t, double[] row) {
            return t.get(row, "t_us") / 1.0e6;
        }

        /** The rows with {@code from <= t < to} seconds. */
        List<double[]> between(double from, double to) {
            List<double[]> out = new ArrayList<>();
            for (double[] r : rows) {
                double t = seconds(this, r);
                if (t >= from && t < to) {
                    out.add(r);
                }
            }
            assertThat(out).as("trace rows in [%s, %s) s", from, to).isNotEmpty();
            return out;
        }

        double[] at(double seconds) {
            return between(seconds, seconds + 0.0005).get(0);
        }
    }

    // ---- the examples ----

    @Test
    void boilerPidHoldsItsSetpointWithinOneDegreeAfterWarmUp(@TempDir Path dir) throws IOException {
        Result r = example("boiler_pid", dir.resolve("pid.csv"), "single-boiler", 30);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("boiler_pid: holding 95.0 C").contains("ended: ran to --until").contains("faults fired: none");
        Trace t = Trace.read(dir.resolve("pid.csv"));
        // the boiler starts at 93 C: the PID must heat it 2 C and then hold it
        assertThat(t.get(t.at(1.0), "boiler_sensor_c")).isLessThan(93.5);
        int switches = 0;
        double last = -1;
        for (double[] row : t.between(15.0, 30.0)) {
            assertThat(Math.abs(t.get(row, "boiler_sensor_c") - 95.0)).as("probe at %.3f s", Trace.seconds(t, row))
                    .isLessThanOrEqualTo(1.0);
            double heater = t.get(row, "firmware_heater_duty");
            assertThat(heater).as("the SSR pin is on or off").isIn(0.0, 1.0);
            if (last >= 0 && heater != last) {
                switches++;
            }
            last = heater;
        }
        // time-proportioning windows: the SSR switches within most seconds once the boiler holds
        assertThat(switches).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aStuckThermocoupleTurnsTheHeaterOff(@TempDir Path dir) throws IOException {
        Path scenario = dir.resolve("stuck.yaml");
        Files.writeString(scenario, "faults:\n  - { fault: stuck, target: boiler_c, at: 2 }\n");
        Result r = example("boiler_pid", dir.resolve("stuck.csv"), "single-boiler", 12, "--scenario", scenario.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("faults fired: 1").contains("at 2.000 s: stuck target=boiler_c at=2");
        Matcher m = Pattern.compile("thermocouple fault: reading frozen for 3 s while heating .* at t=([0-9.]+) s").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        double trippedAt = Double.parseDouble(m.group(1));
        // frozen at 2 s; tripped once the reading had not moved for 3 s while the PID asked for > 50 %
        assertThat(trippedAt).isBetween(5.0, 9.0);
        Trace t = Trace.read(dir.resolve("stuck.csv"));
        boolean heatedBeforeTheFault = t.between(0.5, 2.0).stream().anyMatch(row -> t.get(row, "firmware_heater_duty") > 0);
        assertThat(heatedBeforeTheFault).isTrue();
        boolean heatedAfterTheFreeze = t.between(2.0, trippedAt).stream().anyMatch(row -> t.get(row, "firmware_heater_duty") > 0);
        assertThat(heatedAfterTheFreeze).as("the PID kept heating on the frozen reading until the check tripped").isTrue();
        for (double[] row : t.between(trippedAt + 0.002, 12.0)) {
            assertThat(t.get(row, "firmware_heater_duty")).as("heater at %.3f s", Trace.seconds(t, row)).isZero();
        }
    }

    @Test
    void thePressureProfileHoldsItsPreinfusionAndItsPlateauThroughPsmAndTheAds1115(@TempDir Path dir) throws IOException {
        Result r = example("pressure_profile", dir.resolve("pp.csv"), "single-boiler", 16, "--scenario",
                EXAMPLES.resolve("pressure_profile").resolve("brew.yaml").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("shot started at t=0.500").contains("shot done after 14.00 s");
        Trace t = Trace.read(dir.resolve("pp.csv"));
        // the firmware regulates the line (pump outlet) reading; it spikes at each pump stroke, the group follows smoothly
        for (double[] row : t.between(5.5, 7.5)) { // pre-infusion, from 5 s into the shot
            assertThat(t.get(row, "group_bar")).as("group at %.3f s", Trace.seconds(t, row)).isBetween(2.2, 2.8);
            assertThat(t.get(row, "line_bar")).as("line at %.3f s", Trace.seconds(t, row)).isBetween(2.2, 3.2);
        }
        for (double[] row : t.between(10.5, 14.5)) { // the plateau
            assertThat(t.get(row, "group_bar")).as("group at %.3f s", Trace.seconds(t, row)).isBetween(7.7, 8.3);
            assertThat(t.get(row, "line_bar")).as("line at %.3f s", Trace.seconds(t, row)).isBetween(7.7, 8.5);
        }
        assertThat(t.between(0.5, 14.5).stream().mapToDouble(row -> t.get(row, "line_bar")).max().orElseThrow())
                .isLessThan(8.5);
        // the PSM's set(value) is a fractional pump duty, not on/off
        long fractional = t.between(0.5, 14.5).stream().mapToDouble(row -> t.get(row, "firmware_pump_duty"))
                .filter(d -> d > 0.05 && d < 0.95).count();
        assertThat(fractional).isGreaterThan(100);
        assertThat(t.between(14.6, 16.0).stream().allMatch(row -> t.get(row, "firmware_pump_duty") == 0.0)).isTrue();
        // the server's cycle detector counts every pump start (the PSM stops and restarts it), but one release
        assertThat(r.out()).containsPattern("cycles: \\d+, whooshes: 1\n");
    }

    @Test
    void theBackflushStartsOnTheCleanButtonAndWhooshesOncePerCycle(@TempDir Path dir) throws IOException {
        // 60 s: five fills until quiet (later ones 4.4 s since air drains back in during each release) and releases
        Result r = example("backflush", dir.resolve("bf.csv"), "single-boiler", 60, "--scenario",
                EXAMPLES.resolve("backflush").resolve("clean.yaml").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("clean pressed at t=1.050").contains("backflush done: 5 cycles")
                .contains("cycles: 5, whooshes: 5");
        assertThat(r.out().lines().filter(l -> l.matches("(backflush|rinse) \\d: quiet after .*")).count()).isEqualTo(5);
        Trace t = Trace.read(dir.resolve("bf.csv"));
        for (double[] row : t.between(0.0, 1.05)) {
            assertThat(t.get(row, "firmware_pump_duty")).isZero();
            assertThat(t.get(row, "firmware_solenoid_command")).as("active-low valve relay held off").isZero();
        }
        assertThat(t.get(t.at(2.0), "firmware_pump_duty")).isEqualTo(1.0);
        assertThat(t.get(t.at(2.0), "firmware_solenoid_command")).isEqualTo(1.0);
    }

    @Test
    void withoutThePressTheBackflushNeverStarts(@TempDir Path dir) throws IOException {
        Result r = example("backflush", dir.resolve("idle.csv"), "single-boiler", 3);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("cycles: 0, whooshes: 0").doesNotContain("clean pressed");
        Trace t = Trace.read(dir.resolve("idle.csv"));
        assertThat(t.rows().stream().allMatch(row -> t.get(row, "firmware_pump_duty") == 0.0)).isTrue();
    }

    @Test
    void theCupScaleStopsTheShotAt36Grams(@TempDir Path dir) throws IOException {
        Result r = example("cup_scale", dir.resolve("cup.csv"), "single-boiler", 8, "--scenario",
                EXAMPLES.resolve("cup_scale").resolve("brew.yaml").toString(), "--eeprom", dir.resolve("ee.bin").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Matcher m = Pattern.compile("pump stopped at ([0-9.]+) g after").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isBetween(35.0, 37.0);
        Trace t = Trace.read(dir.resolve("cup.csv"));
        double stoppedAt = -1;
        for (double[] row : t.between(1.2, 8.0)) {
            if (t.get(row, "firmware_pump_duty") == 0.0) {
                stoppedAt = Trace.seconds(t, row);
                break;
            }
        }
        assertThat(stoppedAt).as("the pump stopped").isGreaterThan(1.2);
        // the water the plant pushed out of the tank and not into the drip tray (what the kit's scale weighs;
        // below the OPV's 9 bar none went back to the tank), at 1 g/ml
        for (double s : new double[] {stoppedAt, stoppedAt + 0.5, stoppedAt + 1.5}) {
            double[] row = t.at(Math.floor(s * 1000) / 1000);
            assertThat(t.get(row, "group_bar")).isLessThan(9.0);
            assertThat(t.get(row, "from_tank_ml") - t.get(row, "drip_tray_ml")).as("grams at %.3f s", s).isBetween(35.0, 37.0);
        }
        // the calibration went into the EEPROM file: a float 1000.0
        byte[] ee = Files.readAllBytes(dir.resolve("ee.bin"));
        assertThat(Float.intBitsToFloat((ee[0] & 0xFF) | (ee[1] & 0xFF) << 8 | (ee[2] & 0xFF) << 16 | (ee[3] & 0xFF) << 24))
                .isEqualTo(1000.0f);
    }

    /**
     * An ADS1115 channel whose pin-map entry names no sensor reads the transducer the machine file
     * names: on single-boiler the line (which holds its pressure after the release), with
     * {@code sensors.pressureTransducer: group} the group (back to 0 bar).
     */
    @Test
    void theAds1115ReadsTheTransducerTheMachineFileNames() {
        Path sketch = SKETCHES.resolve("transducer");
        String pins = sketch.resolve("pins.json").toString();
        for (String machine : List.of("single-boiler", sketch.resolve("group-transducer.yaml").toString())) {
            Result r = firmware(sketch.toString(), "--pins", pins, "--machine", machine, "--until", "9");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            int line = Integer.parseInt(r.value("line"));
            int group = Integer.parseInt(r.value("group"));
            assertThat(line).as("the trapped line, counts of an ADS1115 at ±6.144 V (5 bar: 10 000)").isGreaterThan(10_000);
            assertThat(group).as("the released group").isLessThan(3_000);
            int expected = machine.equals("single-boiler") ? line : group;
            // read one conversion (8 ms at 128 SPS) apart, while the trapped line leaks ~0.45 bar/s: a few counts
            assertThat(Integer.parseInt(r.value("machine"))).as("the transducer of %s", machine)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(15));
            assertThat(Math.abs(line - group)).isGreaterThan(7_000);
        }
    }

    // ---- the kit's core ----

    @Test
    void theCoreApiKeepsPlantTimeAndSpeaksArduino(@TempDir Path dir) throws IOException {
        Path sketch = SKETCHES.resolve("selftest");
        String[] args = {sketch.toString(), "--pins", sketch.resolve("pins.json").toString(), "--machine", "single-boiler",
                "--until", "2.5", "--scenario", sketch.resolve("brew.yaml").toString(), "--eeprom", dir.resolve("ee.bin").toString(),
                "--trace", dir.resolve("self.csv").toString()};
        Result r = firmware(args);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("hex", "FF");
        expected.put("neg_hex", "FFFFFFFF");
        expected.put("bin", "101");
        expected.put("float", "1.50");
        expected.put("float3", "3.142");
        expected.put("printf", "42-ok");
        expected.put("string", "AB12CFF2.5");
        expected.put("substring", "12");
        expected.put("indexof", "5");
        expected.put("toint", "-17");
        expected.put("map", "127");
        expected.put("constrain", "255");
        expected.put("min", "2.50");
        expected.put("boots", "1");
        expected.put("eeprom_length", "1024");
        expected.put("delay100", "100");
        expected.put("busywait250", "250");
        expected.put("micros1000", "1000");
        expected.put("analog_idle", "102"); // 0.5 V of 5 V at 10 bits
        expected.put("loops_1s", "1000");   // loop() once per 1 ms tick
        expected.put("press_at", "500");
        expected.put("release_at", "800");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(r.value(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // one interrupt per flow-meter pulse the plant counted (0.5 ml each) by t = 2 s
        Trace t = Trace.read(dir.resolve("self.csv"));
        long plantPulses = (long) Math.floor(t.get(t.at(2.0), "from_tank_ml") / 0.5 + 1e-9);
        assertThat(plantPulses).isGreaterThan(10);
        assertThat(Long.parseLong(r.value("flow_pulses"))).isBetween(plantPulses - 1, plantPulses);

        // a second boot from the same EEPROM file, Serial to a log
        Path log = dir.resolve("serial.log");
        List<String> again = new ArrayList<>(List.of(args));
        again.addAll(List.of("--serial-log", log.toString()));
        Result second = firmware(again.toArray(String[]::new));
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).doesNotContain("boots=");
        assertThat(Files.readString(log)).contains("boots=2\r\n").contains("delay100=100\r\n");
    }

    @Test
    void aCompileErrorNamesTheSketchLineAndExitsTwo() {
        Path sketch = SKETCHES.resolve("broken");
        Result r = firmware(sketch.toString(), "--pins", SKETCHES.resolve("misbehave").resolve("pins.json").toString(),
                "--machine", "single-boiler");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("broken does not compile: ").contains("broken.ino:5:").contains("error:")
                .contains("undefined_thing");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void pinMapMistakesAreNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path sketch = EXAMPLES.resolve("boiler_pid");
        String[][] cases = {
            {"{\n  \"heater\": { \"pin\": 8 },\n  \"pump\": { \"pim\": 9 }\n}\n", "pins.json:3: pump: unknown key \"pim\" (expected pin, active)"},
            {"{\n  \"heater\": { \"pin\": 8 },\n  \"solenoid\": { \"pin\": 8 }\n}\n", "pins.json:3: solenoid: pin 8 is already heater (line 2)"},
            {"{\n  \"heater\": { \"pin\": 8, \"active\": \"sideways\" }\n}\n", "pins.json:2: heater.active: \"sideways\" is not one of \"high\", \"low\""},
            {"{\n  \"heater\": { \"pin\": 8 }\n  \"pump\": { \"pin\": 9 }\n}\n", "pins.json:3: expected ',' or '}'"},
            // valid, but the sketch reads a thermocouple the map does not have
            {"{\n  \"heater\": { \"pin\": 8 }\n}\n", "the sketch reads a MAX31855 on CS pin 10, but "},
        };
        for (String[] c : cases) {
            Path pins = dir.resolve("pins.json");
            Files.writeString(pins, c[0]);
            Result r = firmware(sketch.toString(), "--pins", pins.toString(), "--machine", "single-boiler", "--until", "2");
            assertThat(r.exit()).as(c[1] + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(c[1]);
            assertThat(r.err().strip().lines().count()).as("one line: %s", r.err()).isEqualTo(1);
        }
        Path scenario = dir.resolve("steam.yaml");
        Files.writeString(scenario, "presses:\n  - { button: steam, at: 1 }\n");
        Result r = firmware(sketch.toString(), "--pins", sketch.resolve("pins.json").toString(), "--machine", "single-boiler",
                "--scenario", scenario.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the pin map has no button \"steam\" (it has no buttons)");
    }

    @Test
    void aCrashAHangAndAWatchdogTripEachExitNonZero(@TempDir Path dir) throws IOException {
        Path sketch = SKETCHES.resolve("misbehave");
        String pins = sketch.resolve("pins.json").toString();

        Files.writeString(dir.resolve("crash.yaml"), "presses:\n  - { button: crash, at: 0.5 }\n");
        Result crash = firmware(sketch.toString(), "--pins", pins, "--machine", "single-boiler", "--until", "3",
                "--scenario", dir.resolve("crash.yaml").toString());
        assertThat(crash.exit()).as(crash.err()).isEqualTo(3);
        assertThat(crash.err()).contains("the firmware crashed: Segmentation fault at t=0.500 s");
        assertThat(crash.out()).contains("ended: the firmware crashed (signal 11, SIGSEGV)")
                .contains("session: firmware disconnected");

        Files.writeString(dir.resolve("hang.yaml"), "presses:\n  - { button: hang, at: 0.5 }\n");
        Result hang = firmware(sketch.toString(), "--pins", pins, "--machine", "single-boiler", "--until", "3",
                "--scenario", dir.resolve("hang.yaml").toString(), "--hang-ms", "600");
        assertThat(hang.exit()).as(hang.err()).isEqualTo(3);
        assertThat(hang.out()).contains("ended: the sketch hung: no tick for");

        Files.writeString(dir.resolve("stall.yaml"), "presses:\n  - { button: stall, at: 0.5 }\n");
        Result stall = firmware(sketch.toString(), "--pins", pins, "--machine", "single-boiler", "--until", "2",
                "--scenario", dir.resolve("stall.yaml").toString(), "--watchdog-ms", "500");
        assertThat(stall.exit()).as(stall.out() + stall.err()).isEqualTo(4);
        assertThat(stall.out()).contains("ended: ran to --until").contains("1 watchdog trips");
        assertThat(stall.err()).contains("the plant went to its safe state at t=0.500 s");
    }
}
