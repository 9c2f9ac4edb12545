package io.backflush.sim.hil.fault;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Faults;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.signal.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fault engine on its own, fed true readings chosen by the test (so every expected reading is
 * known by hand): the triggers, the effect of each fault of docs/protocol.md ("Faults") on what the
 * firmware reads, how plant faults combine into {@link Plant#setFaults}, the actuator overrides
 * and {@code clear}. The same faults over a real session: {@code HilFaultTest}.
 */
class FaultEffectsTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final double DT_S = 0.001;
    static final int G = Channel.GROUP_BAR.ordinal();
    static final int B = Channel.BOILER_C.ordinal();

    Plant plant;
    FaultEngine engine;
    final List<String> fired = new ArrayList<>();

    @BeforeEach
    void setUp() {
        plant = new Plant(MACHINE, BasketParameters.blind(), InitialConditions.hotAndDry());
        engine = new FaultEngine(DT_S, 2000.0, fired::add);
    }

    /** True readings: group 5 bar, line 6 bar, boiler 93 °C, group 85 °C, 10 ml drawn, tank 1990 ml, drip 1 ml. */
    static double[] truth() {
        return new double[] {5.0, 6.0, 93.0, 85.0, 10.0, 1990.0, 1.0};
    }

    static double[] with(int channel, double value) {
        double[] t = truth();
        t[channel] = value;
        return t;
    }

    /** What the firmware reads when the truth is {@code truth} at {@code t}. */
    double[] read(double[] truth, double t) {
        double[] v = truth.clone();
        engine.applySensors(v, t);
        return v;
    }

    List<String> add(String spec, double t) {
        engine.add(FaultSpec.parse(spec));
        return engine.check(t, truth(), plant);
    }

    @Test
    void theChannelsAreInTheSensorFramesOrder() {
        assertThat(Arrays.stream(Channel.values()).map(Channel::key))
                .containsExactly("group_bar", "line_bar", "boiler_c", "group_c", "flow", "tank_ml", "drip_ml");
        assertThat(Channel.COUNT).isEqualTo(7);
    }

    @Test
    void aFaultAtATimeFiresAtTheFirstCheckAtOrAfterItWithinANanosecond() {
        engine.reset(0, List.of(FaultSpec.parse("offset target=group_bar value=1 at=0.5")));
        assertThat(engine.check(0.499, truth(), plant)).isEmpty();
        assertThat(engine.check(0.5 - 2.0e-9, truth(), plant)).isEmpty();
        assertThat(engine.anyActive()).isFalse();
        assertThat(read(truth(), 0.499)[G]).isEqualTo(5.0);
        // 500 ticks of 1 ms summed in floating point may land a hair under 0.5
        assertThat(engine.check(0.5 - 5.0e-10, truth(), plant)).containsExactly("offset target=group_bar value=1 at=0.5");
        assertThat(engine.anyActive()).isTrue();
        assertThat(read(truth(), 0.5)[G]).isEqualTo(6.0);
        // once only
        assertThat(engine.check(0.6, truth(), plant)).isEmpty();
        assertThat(read(truth(), 0.6)[G]).isEqualTo(6.0);
    }

    @Test
    void aFaultWithAConditionFiresWhenItsOwnChannelMeetsIt() {
        engine.reset(0, List.of(FaultSpec.parse("weak_pump when=boiler_c<90"),
                FaultSpec.parse("offset target=flow value=2 when=group_bar>=8")));
        // truth: group 5 bar, boiler 93 °C; neither meets its own condition
        assertThat(engine.check(0.1, with(B, 91.0), plant)).isEmpty();
        assertThat(engine.check(0.2, with(B, 90.0), plant)).isEmpty();
        assertThat(engine.check(0.3, with(G, 7.99), plant)).isEmpty();
        assertThat(engine.check(0.4, with(G, 8.0), plant)).containsExactly("offset target=flow value=2 when=group_bar>=8");
        assertThat(engine.check(0.5, with(B, 89.9), plant)).containsExactly("weak_pump when=boiler_c<90");
    }

    @Test
    void aFaultWithoutTriggerFiresAtTheNextCheckAndIsToldToTheTrace() {
        engine.reset(0, List.of());
        engine.add(FaultSpec.parse("dropout target=flow"));
        assertThat(fired).isEmpty();
        engine.readTruth(plant);
        engine.fire(plant);
        assertThat(fired).containsExactly("dropout target=flow");
        double[] out = new double[Channel.COUNT];
        engine.readings(out, 0.0);
        assertThat(out[Channel.FLOW.ordinal()]).isNaN();
        assertThat(out[B]).as("the true boiler reading").isEqualTo(plant.boilerSensorC());
    }

    @Test
    void stuckHoldsTheReadingOfTheMomentItFired() {
        engine.reset(0, List.of(FaultSpec.parse("stuck target=boiler_c when=boiler_c>95")));
        engine.check(0.0, with(B, 94.0), plant);
        engine.check(0.1, with(B, 95.5), plant);
        assertThat(read(with(B, 120.0), 0.2)[B]).isEqualTo(95.5);
        assertThat(read(with(B, 20.0), 0.3)[G]).as("other channels live").isEqualTo(5.0);
    }

    @Test
    void offsetAddsAndScaleMultiplies() {
        add("offset target=group_bar value=-1.5", 0.0);
        add("scale target=boiler_c value=0.5", 0.0);
        double[] v = read(truth(), 0.0);
        assertThat(v[G]).isEqualTo(3.5);
        assertThat(v[B]).isEqualTo(46.5);
        assertThat(v[Channel.LINE_BAR.ordinal()]).isEqualTo(6.0);
        // two faults on one channel apply in the order they fired: (5 − 1.5) × 2
        add("scale target=group_bar value=2", 0.0);
        assertThat(read(truth(), 0.0)[G]).isEqualTo(7.0);
    }

    @Test
    void noiseIsGaussianAroundTheTruthWithTheGivenSigmaAndFollowsTheSeed() {
        engine.reset(42, List.of(FaultSpec.parse("noise target=group_bar sigma=0.2")));
        engine.check(0.0, truth(), plant);
        int n = 4000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = read(truth(), i * DT_S)[G];
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
        // standard error of the mean 0.2/√4000 = 0.0032; of the deviation about 0.2/√8000 = 0.0022
        assertThat(mean).isCloseTo(5.0, within(0.016));
        assertThat(sd).isCloseTo(0.2, within(0.011));
        assertThat(read(truth(), 0.0)[B]).isEqualTo(93.0);

        double[] again = new double[5];
        double[] other = new double[5];
        for (long seed : new long[] {42, 43}) {
            engine.reset(seed, List.of(FaultSpec.parse("noise target=group_bar sigma=0.2")));
            engine.check(0.0, truth(), plant);
            for (int i = 0; i < 5; i++) {
                (seed == 42 ? again : other)[i] = read(truth(), 0.0)[G];
            }
        }
        assertThat(again).containsExactly(Arrays.copyOf(v, 5));
        assertThat(other).isNotEqualTo(again);
    }

    @Test
    void delayReadsTheValueOfMsAgoAndTheOldestThereIsBeforeThat() {
        add("delay target=group_bar ms=3", 0.0); // fired on truth 5.0 at tick 0
        double[] got = new double[10];
        got[0] = read(truth(), 0.0)[G];
        for (int k = 1; k < 10; k++) {
            engine.check(k * DT_S, with(G, 10.0 + k), plant);
            got[k] = read(with(G, 10.0 + k), k * DT_S)[G];
        }
        // truth by tick: 5, 11, 12, ..., 19; 3 ticks of 1 ms ago, and tick 0's value until then
        assertThat(got).containsExactly(5, 5, 5, 5, 11, 12, 13, 14, 15, 16);
    }

    @Test
    void delayRoundsToWholeTicksAndZeroIsNoDelay() {
        add("delay target=group_bar ms=2.6", 0.0); // 3 ticks
        add("delay target=boiler_c ms=0", 0.0);
        double[] g = new double[6];
        double[] b = new double[6];
        for (int k = 1; k < 6; k++) {
            double[] t = with(G, 10.0 + k);
            t[B] = 90.0 + k;
            engine.check(k * DT_S, t, plant);
            double[] v = read(t, k * DT_S);
            g[k] = v[G];
            b[k] = v[B];
        }
        assertThat(Arrays.copyOfRange(g, 1, 6)).containsExactly(5, 5, 5, 11, 12);
        assertThat(Arrays.copyOfRange(b, 1, 6)).containsExactly(91, 92, 93, 94, 95);
    }

    @Test
    void intermittentHasNoDataForTheFirstDutyOfEachPeriod() {
        add("intermittent target=group_bar period_ms=100 duty=0.5", 0.0);
        // phase = (t mod 0.1 s) / 0.1 s; no data while phase < 0.5
        double[][] tAndNaN = {{0.0, 1}, {0.01, 1}, {0.049, 1}, {0.05, 0}, {0.07, 0}, {0.099, 0},
                {0.12, 1}, {0.17, 0}, {1.23, 1}, {1.26, 0}};
        for (double[] row : tAndNaN) {
            assertThat(Double.isNaN(read(truth(), row[0])[G])).as("t = %s s", row[0]).isEqualTo(row[1] == 1);
        }
        assertThat(read(truth(), 0.01)[B]).isEqualTo(93.0);
    }

    @Test
    void emptyTankReadsZeroMlAndStopsThePump() {
        add("empty_tank", 0.0);
        double[] v = read(truth(), 0.0);
        assertThat(v[Channel.TANK_ML.ordinal()]).isZero();
        assertThat(v[Channel.FLOW.ordinal()]).isEqualTo(10.0);
        assertThat(plant.faults()).isEqualTo(new Faults(0.0, 1.0, 0.0));
        // a weak pump on top of an empty tank still delivers nothing
        add("weak_pump factor=0.5", 0.1);
        assertThat(plant.faults().pumpDeliveryFactor()).isZero();
    }

    @Test
    void plantFaultsCombineFactorsByProductAndLeaksBySum() {
        add("weak_pump factor=0.5", 0.0);
        assertThat(plant.faults()).isEqualTo(new Faults(0.5, 1.0, 0.0));
        add("weak_pump factor=0.4", 0.0);
        add("clogged_exhaust factor=0.5", 0.0);
        add("clogged_exhaust factor=0.3", 0.0);
        add("leaking_seat k=2", 0.0);
        add("leaking_seat k=3", 0.0);
        Faults f = plant.faults();
        assertThat(read(truth(), 0.0)).as("plant faults leave the readings alone (the tank too)").containsExactly(truth());
        assertThat(f.pumpDeliveryFactor()).isCloseTo(0.2, within(1e-12));
        assertThat(f.exhaustAreaFactor()).isCloseTo(0.15, within(1e-12));
        assertThat(f.seatLeakCoefficient()).isCloseTo(5.0, within(1e-12));
        // sensor and actuator faults leave the plant's faults as they are
        add("heater_stuck_on", 0.0);
        add("offset target=group_bar value=1", 0.0);
        assertThat(plant.faults()).isEqualTo(f);
    }

    @Test
    void theSolenoidAndHeaterFaultsOverrideTheFirmwaresCommands() {
        Actuators a = new Actuators().pumpDuty(0.7).solenoidEnergised(false).heaterDuty(0.2);
        engine.overrideActuators(a);
        assertThat(a.solenoidEnergised()).isFalse();
        assertThat(a.heaterDuty()).isEqualTo(0.2);

        add("weak_pump factor=0.5", 0.0);
        add("offset target=boiler_c value=1", 0.0);
        engine.overrideActuators(a);
        assertThat(a.heaterDuty()).as("other faults override nothing").isEqualTo(0.2);
        assertThat(a.solenoidEnergised()).isFalse();

        add("solenoid_stuck state=open", 0.0);
        engine.overrideActuators(a);
        assertThat(a.solenoidEnergised()).isTrue();
        assertThat(a.heaterDuty()).as("only the solenoid").isEqualTo(0.2);

        add("clear", 0.0);
        add("solenoid_stuck state=closed", 0.0);
        add("heater_stuck_on", 0.0);
        a.solenoidEnergised(true).heaterDuty(0.0);
        engine.overrideActuators(a);
        assertThat(a.solenoidEnergised()).isFalse();
        assertThat(a.heaterDuty()).isEqualTo(1.0);
        assertThat(a.pumpDuty()).isEqualTo(0.7);
        assertThat(plant.faults()).as("not plant faults").isEqualTo(Faults.HEALTHY);
    }

    @Test
    void clearWithATargetRemovesOnlyThatChannelsActiveAndPendingFaults() {
        engine.reset(0, List.of(FaultSpec.parse("offset target=boiler_c value=7 at=1"),
                FaultSpec.parse("offset target=group_bar value=2 at=1")));
        add("offset target=boiler_c value=1", 0.0);
        add("offset target=group_bar value=1", 0.0);
        add("weak_pump factor=0.5", 0.0);
        add("clear target=boiler_c", 0.0);
        assertThat(engine.check(1.0, truth(), plant)).containsExactly("offset target=group_bar value=2 at=1");
        double[] v = read(truth(), 1.0);
        assertThat(v[B]).isEqualTo(93.0);
        assertThat(v[G]).isEqualTo(8.0);
        assertThat(plant.faults().pumpDeliveryFactor()).as("a plant fault has no target: kept").isEqualTo(0.5);
    }

    @Test
    void clearWithoutATargetRemovesEverythingAndHealsThePlant() {
        engine.reset(0, List.of(FaultSpec.parse("offset target=boiler_c value=7 at=1")));
        add("offset target=group_bar value=1", 0.0);
        add("clogged_exhaust factor=0.2", 0.0);
        assertThat(plant.faults().exhaustAreaFactor()).isEqualTo(0.2);
        add("clear", 0.0);
        assertThat(engine.anyActive()).isFalse();
        assertThat(plant.faults()).isEqualTo(Faults.HEALTHY);
        assertThat(engine.check(2.0, truth(), plant)).as("the pending one went too").isEmpty();
        assertThat(read(truth(), 2.0)).containsExactly(truth());
    }

    @Test
    void aResetClearsTheFaultsAndArmsTheScenarioAfresh() {
        add("offset target=group_bar value=1", 0.0);
        engine.reset(0, List.of(FaultSpec.parse("offset target=boiler_c value=2 at=0.5")));
        assertThat(engine.anyActive()).isFalse();
        assertThat(read(truth(), 0.0)[G]).isEqualTo(5.0);
        assertThat(engine.check(0.5, truth(), plant)).hasSize(1);
        engine.reset(0, List.of(FaultSpec.parse("offset target=boiler_c value=2 at=0.5")));
        assertThat(engine.check(0.5, truth(), plant)).as("re-armed").hasSize(1);
        assertThat(read(truth(), 0.5)[B]).isEqualTo(95.0);
        // a pending fault does not survive a reset either
        engine.add(FaultSpec.parse("offset target=group_bar value=1 at=2"));
        engine.reset(0, List.of());
        assertThat(engine.check(2.0, truth(), plant)).isEmpty();
    }

    @Test
    void theTankReadsItsStartLessWhatWasDrawnPlusWhatCameBack() {
        // pump against the blind basket until the OPV returns water to the tank
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 8000; i++) {
            plant.step(DT_S);
        }
        double drawn = Signal.FROM_TANK_ML.read(plant);
        double returned = Signal.RETURNED_TO_TANK_ML.read(plant);
        assertThat(drawn).isGreaterThan(50.0);
        assertThat(returned).as("the OPV returned some").isGreaterThan(1.0);
        engine.readTruth(plant);
        double[] v = new double[Channel.COUNT];
        engine.readings(v, plant.timeSeconds());
        assertThat(v[Channel.TANK_ML.ordinal()]).isCloseTo(2000.0 - drawn + returned, within(1e-9));
        assertThat(v[Channel.FLOW.ordinal()]).isEqualTo(drawn);
        assertThat(v[G]).isEqualTo(plant.groupPressureBar());
    }
}
