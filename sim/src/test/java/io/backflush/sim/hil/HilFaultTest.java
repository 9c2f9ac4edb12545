package io.backflush.sim.hil;

import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.sim.hil.fault.FaultKind;
import io.backflush.sim.hil.protocol.Message;
import io.backflush.sim.hil.server.SessionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every fault of docs/protocol.md ("Faults") injected by a client's {@code fault} message over a
 * real session, and its effect on what the firmware reads or what the plant does: the same
 * commands are run on a healthy plant and, after a reset, with the fault, and the two compared.
 * The table must cover every fault the document lists (and every kind the code knows).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HilFaultTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final SessionConfig CONFIG = SessionConfig.lockstep(MACHINE).withTimeouts(60_000, 60_000);

    /** Commands held for some ticks; {@code everyTick}: keep every frame, else only the last. */
    record Segment(double pump, boolean solenoid, double heater, int ticks, boolean everyTick) {
    }

    /** What the firmware does in one experiment; frames are kept from tick 0. */
    record Experiment(String name, List<Segment> segments) {
        static Experiment of(String name, Segment... segments) {
            return new Experiment(name, List.of(segments));
        }
    }

    static final Experiment REST = Experiment.of("rest 0.4 s", new Segment(0, false, 0, 400, true));
    static final Experiment FILL = Experiment.of("pump 1 s", new Segment(1, true, 0, 1000, false));
    static final Experiment FILL_EVERY_TICK = Experiment.of("pump 1.5 s", new Segment(1, true, 0, 1500, true));
    static final Experiment PRESSURISE = Experiment.of("pump 6 s", new Segment(1, true, 0, 6000, false));
    static final Experiment BACKFLUSH = Experiment.of("pump 6 s, release 1 s", new Segment(1, true, 0, 6000, false),
            new Segment(0, false, 0, 1000, true));
    static final Experiment HEATER_OFF = Experiment.of("heater off 5 s", new Segment(0, false, 0, 5000, false));

    /** Frames from tick 0 (the one the session waits at) through the experiment. */
    static List<Message.SensorFrame> run(LiveSession s, Message.SensorFrame first, Experiment e) throws IOException {
        List<Message.SensorFrame> frames = new ArrayList<>();
        frames.add(first);
        for (Segment g : e.segments()) {
            if (g.everyTick()) {
                for (int i = 0; i < g.ticks(); i++) {
                    frames.add(s.actuate(g.pump(), g.solenoid(), g.heater()));
                }
            } else {
                s.actuate(g.pump(), g.solenoid(), g.heater());
                frames.add(s.step(g.ticks() - 1));
            }
        }
        return frames;
    }

    static Message.SensorFrame last(List<Message.SensorFrame> frames) {
        return frames.get(frames.size() - 1);
    }

    static boolean faultBit(Message.SensorFrame f) {
        return (f.status() & Message.SensorFrame.STATUS_FAULT) != 0;
    }

    /**
     * One row: the fault (as the document names it), the specs the client sends, the experiment,
     * and what must differ between the healthy frames and the faulty ones.
     */
    record Case(String fault, List<String> specs, Experiment experiment,
                BiConsumer<List<Message.SensorFrame>, List<Message.SensorFrame>> effect) {
        @Override
        public String toString() {
            return String.join(" + ", specs) + " during " + experiment.name();
        }
    }

    static Case row(String fault, String spec, Experiment e,
                    BiConsumer<List<Message.SensorFrame>, List<Message.SensorFrame>> effect) {
        return new Case(fault, List.of(spec), e, effect);
    }

    static final List<Case> TABLE = List.of(
            row("stuck", "stuck target=group_bar", PRESSURISE, (healthy, faulty) -> {
                assertThat(last(healthy).groupBar()).isGreaterThan(8.0);
                assertThat(last(faulty).lineBar()).as("the plant pressurised").isGreaterThan(8.0);
                assertThat(last(faulty).groupBar()).as("frozen at its value when fired").isEqualTo(0.0);
            }),
            row("noise", "noise target=group_bar sigma=0.2", REST, (healthy, faulty) -> {
                double[] v = faulty.stream().mapToDouble(Message.SensorFrame::groupBar).toArray();
                double mean = Arrays.stream(v).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
                assertThat(healthy).allSatisfy(f -> assertThat(f.groupBar()).isEqualTo(0.0));
                // 401 samples: the mean within 5 standard errors of 0, the deviation within 5 of 0.2
                assertThat(mean).isCloseTo(0.0, within(0.05));
                assertThat(sd).isCloseTo(0.2, within(0.036));
                assertThat(faulty.get(1).lineBar()).as("other channels untouched").isEqualTo(healthy.get(1).lineBar());
            }),
            row("offset", "offset target=boiler_c value=-3", REST, (healthy, faulty) -> {
                for (int k = 1; k < healthy.size(); k++) {
                    assertThat(faulty.get(k).boilerC()).isCloseTo(healthy.get(k).boilerC() - 3.0, within(1e-4));
                }
            }),
            row("scale", "scale target=boiler_c value=0.5", REST, (healthy, faulty) -> {
                for (int k = 1; k < healthy.size(); k++) {
                    assertThat(faulty.get(k).boilerC()).isCloseTo(healthy.get(k).boilerC() * 0.5, within(1e-4));
                }
                assertThat(last(faulty).boilerC()).isCloseTo(46.5, within(0.1));
            }),
            row("dropout", "dropout target=group_bar", REST, (healthy, faulty) -> {
                for (int k = 1; k < faulty.size(); k++) {
                    assertThat(faulty.get(k).groupBar()).isNaN();
                    assertThat(faulty.get(k).rawPressureCounts()).as("no signal: 0 V").isZero();
                    assertThat(healthy.get(k).rawPressureCounts()).isBetween(2666, 2667);
                }
            }),
            row("dropout", "dropout target=boiler_c", REST, (healthy, faulty) -> {
                assertThat(last(faulty).boilerC()).isNaN();
                // the thermocouple's next conversion (t = 0.22 s) reads an open thermocouple
                assertThat(faulty.get(219).rawBoilerQuarterC()).isEqualTo(372);
                assertThat(faulty.get(220).rawBoilerQuarterC()).isEqualTo(-32768);
                assertThat(healthy.get(220).rawBoilerQuarterC()).isBetween(368, 372);
            }),
            row("delay", "delay target=group_bar ms=100", FILL_EVERY_TICK, (healthy, faulty) -> {
                assertThat(last(healthy).groupBar()).as("pressure moves").isGreaterThan(0.1);
                for (int k = 1; k < faulty.size(); k++) {
                    // as it was 100 ticks (1 ms each) ago; before there was a reading that old, the oldest
                    assertThat(faulty.get(k).groupBar()).as("tick %d", k)
                            .isEqualTo(healthy.get(Math.max(0, k - 100)).groupBar());
                }
            }),
            row("intermittent", "intermittent target=group_bar period_ms=100 duty=0.3", REST, (healthy, faulty) -> {
                for (int k = 1; k < faulty.size(); k++) {
                    int phase = k % 100;
                    if (phase == 0 || phase == 29 || phase == 30 || phase == 99) {
                        continue; // the edges of a window fall where round-off puts them
                    }
                    assertThat(Double.isNaN(faulty.get(k).groupBar())).as("tick %d", k).isEqualTo(phase < 30);
                    assertThat(healthy.get(k).groupBar()).isNotNaN();
                }
            }),
            row("clogged_exhaust", "clogged_exhaust factor=0.1", BACKFLUSH, (healthy, faulty) -> {
                assertThat(faulty.get(1).groupBar()).as("pressurised alike").isCloseTo(healthy.get(1).groupBar(), within(0.01));
                // a tenth of the exhaust area: the whoosh takes many times longer (healthy: 1.6 bar
                // and 7.8 ml 0.3 s after the release; clogged: 5.5 bar and 0.7 ml)
                assertThat(healthy.get(1 + 300).groupBar()).isLessThan(2.0);
                assertThat(faulty.get(1 + 300).groupBar()).isGreaterThan(4.0);
                assertThat(faulty.get(1 + 300).dripMl()).isLessThan(0.3 * healthy.get(1 + 300).dripMl());
            }),
            row("solenoid_stuck", "solenoid_stuck", PRESSURISE, (healthy, faulty) -> {
                // stuck released (closed to the group): the pump dead-heads against the valve
                assertThat(last(healthy).groupBar()).isGreaterThan(8.0);
                assertThat(last(faulty).groupBar()).isLessThan(0.1);
                assertThat(last(faulty).lineBar()).isGreaterThan(8.0);
            }),
            row("solenoid_stuck", "solenoid_stuck state=open", BACKFLUSH, (healthy, faulty) -> {
                // stuck energised: the release does not release
                assertThat(last(healthy).groupBar()).isLessThan(0.5);
                assertThat(last(healthy).dripMl()).isGreaterThan(10.0);
                assertThat(last(faulty).groupBar()).isGreaterThan(8.0);
                assertThat(last(faulty).dripMl()).isZero();
            }),
            row("leaking_seat", "leaking_seat k=2", PRESSURISE, (healthy, faulty) -> {
                assertThat(last(healthy).dripMl()).as("a healthy closed seat holds").isZero();
                assertThat(last(faulty).dripMl()).isGreaterThan(2.0);
                assertThat(last(faulty).flowPulses()).isGreaterThan(last(healthy).flowPulses());
            }),
            row("weak_pump", "weak_pump factor=0.5", FILL, (healthy, faulty) -> {
                double ratio = (double) last(faulty).flowPulses() / last(healthy).flowPulses();
                assertThat(last(healthy).flowPulses()).isGreaterThan(10);
                assertThat(ratio).as("half the strokes deliver").isBetween(0.4, 0.6);
            }),
            row("heater_stuck_on", "heater_stuck_on", HEATER_OFF, (healthy, faulty) -> {
                assertThat(last(healthy).boilerC()).isLessThanOrEqualTo(93.0);
                // 1000 W into ~1.2 kJ/K for 5 s, through the element's 4 s lag (+1.8 K in the water)
                // and a probe lagging 2 s behind it: about +0.9 K read
                assertThat(last(faulty).boilerC() - last(healthy).boilerC()).isBetween(0.5, 5.0);
                assertThat(last(faulty).rawHeaterOn()).as("the SSR conducts").isEqualTo(1);
                assertThat(last(healthy).rawHeaterOn()).isZero();
            }),
            row("empty_tank", "empty_tank", FILL, (healthy, faulty) -> {
                assertThat(last(healthy).flowPulses()).isGreaterThan(10);
                assertThat(last(healthy).tankMl()).isGreaterThan(1900.0);
                assertThat(last(faulty).tankMl()).isEqualTo(0.0);
                assertThat(last(faulty).flowPulses()).isZero();
                assertThat(last(faulty).groupBar()).isLessThan(1e-6);
            }),
            new Case("clear", List.of("offset target=boiler_c value=5", "stuck target=group_bar at=0.5",
                    "clogged_exhaust factor=0", "clear"), BACKFLUSH, (healthy, faulty) -> {
                        // active, pending and plant faults all gone: the very same frames
                        assertThat(faulty).isEqualTo(healthy);
                    }),
            new Case("clear", List.of("offset target=boiler_c value=5", "offset target=group_bar value=1",
                    "clear target=boiler_c"), REST, (healthy, faulty) -> {
                        for (int k = 1; k < faulty.size(); k++) {
                            assertThat(faulty.get(k).boilerC()).isEqualTo(healthy.get(k).boilerC());
                            assertThat(faulty.get(k).groupBar()).isCloseTo(healthy.get(k).groupBar() + 1.0, within(1e-6));
                            assertThat(faultBit(faulty.get(k))).isTrue();
                        }
                    }));

    static Stream<Case> table() {
        return TABLE.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theFaultHasItsDocumentedEffectOverTheProtocol(Case c) throws Exception {
        try (LiveSession s = LiveSession.started(CONFIG, true)) {
            List<Message.SensorFrame> healthy = run(s, s.first, c.experiment());
            Message.SensorFrame zero = s.reset(1);
            for (String spec : c.specs()) {
                s.fault(spec);
            }
            List<Message.SensorFrame> faulty = run(s, zero, c.experiment());
            s.bye();
            assertThat(healthy).noneMatch(HilFaultTest::faultBit);
            if (!c.fault().equals("clear")) {
                assertThat(faultBit(last(faulty))).as("status: a fault is active").isTrue();
            }
            c.effect().accept(healthy, faulty);
        }
    }

    @Test
    void theNoiseIsSeededByTheResetSeed() throws Exception {
        try (LiveSession s = LiveSession.started(CONFIG, false)) {
            List<List<Message.SensorFrame>> runs = new ArrayList<>();
            for (long seed : new long[] {5, 5, 6}) {
                Message.SensorFrame zero = s.reset(seed);
                s.fault("noise target=group_bar");
                runs.add(run(s, zero, REST));
            }
            s.bye();
            assertThat(runs.get(1)).isEqualTo(runs.get(0));
            assertThat(runs.get(2)).isNotEqualTo(runs.get(0));
        }
    }

    @Test
    void theTableCoversEveryDocumentedFaultAndEveryKindTheServerKnows() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "protocol.md"));
        String section = doc.substring(doc.indexOf("## Faults"), doc.indexOf("## Raw signals"));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(section);
        Set<String> documented = new TreeSet<>();
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> tested = TABLE.stream().map(Case::fault).collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = Arrays.stream(FaultKind.values()).map(FaultKind::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).hasSize(14);
        assertThat(tested).isEqualTo(documented);
        assertThat(known).isEqualTo(documented);
        for (Case c : TABLE) {
            assertThat(c.specs().get(c.specs().size() - 1)).as("the row's last spec is its fault").startsWith(c.fault());
        }
    }
}
