package io.backflush.core.plant;

import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reference stepper's dense observer seen directly: what it is shown and when (every step's
 * and every segment's start, with the new segment's settings; a sample every
 * {@link ReferenceStepper#SAMPLE_SECONDS} on the grid; every step's end, once), how a step is cut
 * into segments (at most {@link ReferenceStepper#MAX_SEGMENT_SECONDS} while residue can change,
 * not at all for a quiescent machine), and the crossings it refines, checked against the same
 * reference plant stepped by hand to the refined instant.
 */
class ReferenceDenseObserverTest {
    private static final Machine MACHINE = Machine.of(Presets.singleBoiler());

    /** One observed sample, copied. */
    private record Sample(double t, double[] y, double groupBar, double inflow, double exhaustAir, boolean continuous) {
    }

    private static Plant reference() {
        return new Plant(MACHINE, BasketParameters.blind(), InitialConditions.hotAndDry(), CleaningParameters.defaults(),
                StepperKind.REFERENCE);
    }

    private static List<Sample> record(Plant plant) {
        List<Sample> samples = new ArrayList<>();
        plant.referenceStepper().observeDensely((t, y, f, continuous) -> samples.add(
                new Sample(t, y.clone(), f.groupBar, f.inflowMlPerS, f.exhaustAirAtmMlPerS, continuous)));
        return samples;
    }

    private static List<Sample> segmentStarts(List<Sample> samples) {
        return samples.stream().filter(s -> !s.continuous()).toList();
    }

    /**
     * Through a fill cut into steps of 0.25 s (on the sampling grid) and one of 0.1234 s (off it):
     * each step is shown first at its start (a segment start), last at its end with the state the
     * plant holds after it, and in between at rising times never more than 0.5 ms apart, each
     * instant once.
     */
    @Test
    void eachStepIsShownAtItsStartOnTheGridAndOnceAtItsEnd() {
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        double t = 0.0;
        for (double dt : new double[] {0.25, 0.25, 0.25, 0.25, 0.1234}) {
            List<Sample> samples = record(plant);
            plant.step(dt);
            double end = t + dt;
            assertThat(samples.get(0).t()).as("the step's start").isEqualTo(t);
            assertThat(samples.get(0).continuous()).isFalse();
            Sample last = samples.get(samples.size() - 1);
            assertThat(last.continuous()).isTrue();
            assertThat(last.t()).as("the step's end").isCloseTo(end, within(1e-12));
            double[] state = plant.stateCopy();
            for (int i = 0; i < StateLayout.SIZE; i++) {
                assertThat(last.y()[i]).as("state %d at the step's end", i)
                        .isCloseTo(state[i], within(1e-9 * Math.max(1.0, Math.abs(state[i]))));
            }
            double previous = t;
            for (Sample s : samples.subList(1, samples.size())) {
                if (s.continuous()) {
                    assertThat(s.t()).as("after %s", previous).isGreaterThan(previous)
                            .isLessThanOrEqualTo(previous + ReferenceStepper.SAMPLE_SECONDS + 1e-12);
                }
                previous = s.t();
            }
            t = end;
        }
        assertThat(t).isEqualTo(1.1234);
    }

    /**
     * A clean machine has nothing that changes between switches: a 1 s stretch of a steady fill is
     * one segment. With residue on the valve every segment is at most 20 ms (so its effects follow
     * the residue): 1.013 s from 1 s is 50 segments of 20 ms and one of 13 ms, starting at
     * 1 + 0.02·k s, the last one ending at the step's end and no later.
     */
    @Test
    void segmentsAreCutAtTwentyMillisecondsOnlyWhileResidueCanChange() {
        Plant clean = reference();
        clean.actuators().pumpDuty(1.0).solenoidEnergised(true);
        clean.step(1.0);
        assertThat(clean.cleaning().quiescent()).isTrue();
        List<Sample> quiet = record(clean);
        clean.step(1.0);
        assertThat(segmentStarts(quiet)).extracting(Sample::t).containsExactly(1.0);

        Plant fouled = reference();
        fouled.cleaning().setResidue(Site.VALVE, 20.0, 20.0);
        fouled.actuators().pumpDuty(1.0).solenoidEnergised(true);
        fouled.step(1.0);
        assertThat(fouled.cleaning().quiescent()).isFalse();
        List<Sample> cut = record(fouled);
        fouled.step(1.013);
        List<Sample> starts = segmentStarts(cut);
        assertThat(starts).hasSize(51);
        for (int k = 0; k < starts.size(); k++) {
            assertThat(starts.get(k).t()).as("segment %d", k).isCloseTo(1.0 + 0.02 * k, within(1e-9));
        }
        assertThat(cut).allSatisfy(s -> assertThat(s.t()).isLessThanOrEqualTo(2.013 + 1e-12));
        assertThat(cut.get(cut.size() - 1).t()).isCloseTo(2.013, within(1e-12));
    }

    /**
     * A segment's first sample shows the flows with that segment's settings: when the valve
     * releases a group at its plateau, the sample at the switch shows the exhaust venting the
     * headspace's air at the orifice law's rate for the group's pressure, and the inlet shut.
     */
    @Test
    void aSegmentsFirstSampleShowsTheNewSettings() {
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        plant.step(8.0);
        double plateau = plant.groupPressureBar();
        assertThat(plateau).isGreaterThan(5.0);
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        List<Sample> samples = record(plant);
        plant.step(0.1);
        // the valve's dead time keeps it shut for a while: find the segment where the exhaust opened
        Sample opened = null;
        Sample before = null;
        for (Sample s : samples) {
            if (!s.continuous() && s.y()[StateLayout.HEADSPACE_AIR_ATM_ML] > 0.0 && opened == null
                    && before != null && before.exhaustAir() == 0.0) {
                Sample next = samples.get(samples.indexOf(s) + 1);
                if (next.exhaustAir() > 0.0) {
                    opened = s;
                }
            }
            before = s;
        }
        assertThat(opened).as("a segment starts where the exhaust opens").isNotNull();
        assertThat(opened.t()).isBetween(8.0, 8.1);
        assertThat(opened.groupBar()).isGreaterThan(1.0);
        assertThat(opened.exhaustAir()).isPositive()
                .isCloseTo(plant.circuit().exhaustAirFlowAtmMlPerS(opened.groupBar()), within(1e-9));
        assertThat(opened.inflow()).isZero();
    }

    /** A crossing the observer asked for, with the samples around it and the flows before and after the ask. */
    private record Crossing(double t0, double t1, double at, double valueAtT1, boolean flowsKept) {
    }

    /**
     * Watches {@code plant} over one step of {@code dt} for the first fall of the signal below the
     * threshold after {@code after} s and asks the stepper to place it; NaN fields if there was none.
     */
    private static Crossing firstFall(Plant plant, CycleMetrics.Signal signal, double threshold, double after, double dt) {
        ReferenceStepper stepper = plant.referenceStepper();
        Crossing[] found = new Crossing[1];
        double[] last = {Double.NaN, Double.NaN};
        stepper.observeDensely((t, y, f, continuous) -> {
            double value = signal == CycleMetrics.Signal.GROUP_INFLOW ? f.inflowMlPerS : f.groupBar;
            if (found[0] == null && continuous && t > after && last[1] >= threshold && value < threshold) {
                double inflow = f.inflowMlPerS;
                double bar = f.groupBar;
                double air = f.exhaustAirAtmMlPerS;
                double at = stepper.crossings().locate(signal, threshold, last[0], t);
                boolean kept = f.inflowMlPerS == inflow && f.groupBar == bar && f.exhaustAirAtmMlPerS == air;
                found[0] = new Crossing(last[0], t, at, value, kept);
            }
            last[0] = t;
            last[1] = value;
        });
        plant.step(dt);
        stepper.observeDensely(null);
        assertThat(found[0]).as("the %s falls below %s", signal, threshold).isNotNull();
        return found[0];
    }

    /**
     * The quiet instant of a fill (the group's inflow falling below 10 % of the pump's free flow)
     * and the end of a release's decay (the group below 0.5 bar), placed on the interpolant between
     * two samples: the same reference plant stepped by hand to the placed instant has the
     * threshold's inflow there (the first sample of its next step shows it) and the threshold's
     * pressure (a step's end pressure is the state's), to the integrator's tolerance, where the
     * later sample is well past the threshold. Asking leaves the observed sample's flows as they
     * were.
     */
    @Test
    void crossingsArePlacedWhereTheSteppedPlantCrossesTheThreshold() {
        double quiet = CycleMetrics.QUIET_FRACTION * MACHINE.pump().freeFlowMlPerS();
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        // the fill in two steps, so that the crossing is placed in a step that starts after 0
        plant.step(1.0);
        Crossing fill = firstFall(plant, CycleMetrics.Signal.GROUP_INFLOW, quiet, 1.0, 7.0);
        assertThat(fill.flowsKept()).as("the sample's flows after the ask").isTrue();
        assertThat(fill.at()).isGreaterThan(fill.t0()).isLessThanOrEqualTo(fill.t1());
        assertThat(quiet - fill.valueAtT1()).as("the later sample is past the threshold").isGreaterThan(1e-4);
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        Crossing release = firstFall(plant, CycleMetrics.Signal.GROUP_PRESSURE, CycleMetrics.WHOOSH_END_BAR, 8.0, 3.0);
        assertThat(release.flowsKept()).as("the sample's flows after the ask").isTrue();
        assertThat(release.at()).isGreaterThan(release.t0()).isLessThanOrEqualTo(release.t1());
        assertThat(CycleMetrics.WHOOSH_END_BAR - release.valueAtT1()).as("the later sample is past the threshold")
                .isGreaterThan(1e-4);

        Plant toQuiet = reference();
        toQuiet.actuators().pumpDuty(1.0).solenoidEnergised(true);
        toQuiet.step(fill.at());
        List<Sample> next = record(toQuiet);
        toQuiet.step(1e-4);
        assertThat(next.get(0).t()).isEqualTo(fill.at());
        assertThat(next.get(0).inflow()).as("inflow at the placed quiet instant").isCloseTo(quiet, within(1e-6));

        Plant toDecay = reference();
        toDecay.actuators().pumpDuty(1.0).solenoidEnergised(true);
        toDecay.step(8.0);
        toDecay.actuators().pumpDuty(0.0).solenoidEnergised(false);
        toDecay.step(release.at() - 8.0);
        assertThat(toDecay.groupPressureBar()).as("pressure at the placed end of the decay")
                .isCloseTo(CycleMetrics.WHOOSH_END_BAR, within(1e-6));
    }

    /**
     * A step reports the pressures of the state it ends in (the observables are evaluated at the
     * end, not left from the integrator's last stage), through a fill and a release in 0.1 s steps.
     */
    @Test
    void aStepReportsThePressuresOfTheStateItEndsIn() {
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        for (int i = 0; i < 120; i++) {
            if (i == 80) {
                plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
            }
            plant.step(0.1);
            double[] s = plant.stateCopy();
            assertThat(plant.groupPressureBar()).as("group at step %d", i).isEqualTo(plant.circuit().pressureOf(s));
            assertThat(plant.linePressureBar()).as("line at step %d", i)
                    .isEqualTo(s[StateLayout.LINE_WATER_ML] / plant.circuit().lineComplianceMlPerBar());
        }
    }

    /**
     * A step shorter than the 1e-11 s a segment needs to be integrated moves nothing: the state is
     * left bit for bit as it was, mid-fill.
     */
    @Test
    void aStepTooShortToIntegrateLeavesTheStateAsItWas() {
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        plant.step(2.0);
        double[] before = plant.stateCopy();
        plant.step(5.0e-12);
        assertThat(plant.stateCopy()).isEqualTo(before);
        assertThat(plant.timeSeconds()).isGreaterThan(2.0);
    }

    /**
     * Any threshold the signal falls through between two samples is placed between them: through a
     * release in a step that starts at 8 s (and so on an integrator whose times count from 8 s),
     * every pair of samples over which the group's pressure falls, asked for the level halfway
     * between them, gets an instant inside the pair.
     */
    @Test
    void everyFallBetweenTwoSamplesIsPlacedBetweenThem() {
        Plant plant = reference();
        plant.actuators().pumpDuty(1.0).solenoidEnergised(true);
        plant.step(8.0);
        plant.actuators().pumpDuty(0.0).solenoidEnergised(false);
        ReferenceStepper stepper = plant.referenceStepper();
        List<double[]> placed = new ArrayList<>();
        double[] last = {Double.NaN, Double.NaN};
        stepper.observeDensely((t, y, f, continuous) -> {
            if (continuous && f.groupBar < last[1] - 1e-6) {
                double level = 0.5 * (last[1] + f.groupBar);
                placed.add(new double[] {last[0], t, stepper.crossings().locate(CycleMetrics.Signal.GROUP_PRESSURE, level,
                        last[0], t)});
            }
            last[0] = t;
            last[1] = f.groupBar;
        });
        plant.step(3.0);
        stepper.observeDensely(null);
        assertThat(placed).as("falls seen").hasSizeGreaterThan(100);
        assertThat(placed).allSatisfy(p -> assertThat(p[2]).isGreaterThan(p[0]).isLessThanOrEqualTo(p[1]));
    }
}
