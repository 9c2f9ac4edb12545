package io.backflush.sim.live;

import io.backflush.core.plant.Plant;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.CycleReport;
import io.backflush.sim.run.RunNarrative;
import io.backflush.sim.run.TickObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a live session tells the page as they happen, in the report's words. Each cycle's
 * figures are the {@link CycleDetector}'s (the one definition the run command reports), closed when
 * the next cycle starts; as the detector can only close a cycle then, two moments are told early,
 * with the same thresholds: the pump going quiet (the net flow into the group falling below
 * {@link CycleDetector#QUIET_FRACTION} of the pump's free flow) and the whoosh so far once it has
 * settled (the group below {@link CycleDetector#DECAY_BAR} and the exhaust down to the drain's trickle; the drain goes on adding to the figure until the next cycle).
 */
final class LiveEvents implements TickObserver {
    /**
     * The whoosh counts as settled once the exhaust water flow is below this, ml/s. Estimate: above
     * the slow gravity drain of a released group (about 1 ml/s), well below a whoosh's tens of ml/s.
     */
    static final double SETTLED_ML_PER_S = 2.0;

    /** One event: simulated time from the session's start, a kind and its sentence. */
    record Event(double atSeconds, String kind, String text, Double volumeMl) {
    }

    private final CycleDetector detector;
    private final double originSeconds;
    private final double quietMlPerS;
    private final boolean hasExhaust;
    private final List<Event> pending = new ArrayList<>();
    private int reported;
    private boolean lastPump;
    private boolean lastSolenoid;
    private double pumpOnAt = Double.NaN;
    private boolean above;
    private boolean quietTold;
    private boolean whooshOpen;
    private double dripAtRelease;

    LiveEvents(Plant plant) {
        this.originSeconds = plant.timeSeconds();
        this.detector = new CycleDetector(plant, t -> plant.cleaning().detergentLeftMg() > 0 ? "detergent" : "water");
        this.quietMlPerS = CycleDetector.QUIET_FRACTION * plant.machine().pump().freeFlowMlPerS();
        this.hasExhaust = plant.circuit().hasExhaust();
    }

    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        detector.afterStep(stepStartSeconds, plant);
        double t = plant.timeSeconds() - originSeconds;
        boolean pump = plant.actuators().pumpDuty() > 0;
        boolean solenoid = plant.actuators().solenoidEnergised();
        if (pump && !lastPump) {
            pumpOnAt = stepStartSeconds - originSeconds;
            above = false;
            quietTold = false;
            whooshOpen = false;
        }
        if (pump && solenoid) {
            boolean nowAbove = plant.groupInflowMlPerS() >= quietMlPerS;
            if (nowAbove) {
                quietTold = false;
            } else if (above && !quietTold) {
                pending.add(new Event(t, "quiet", RunNarrative.pumpWentQuiet(t - pumpOnAt), null));
                quietTold = true;
            }
            above = nowAbove;
        }
        if (lastSolenoid && !solenoid && !Double.isNaN(pumpOnAt)) {
            whooshOpen = hasExhaust && plant.groupPressureBar() > CycleDetector.WHOOSH_MIN_BAR;
            dripAtRelease = plant.exhaustedToDripTrayMl()
                    - plant.exhaustWaterFlowMlPerS() * (plant.timeSeconds() - stepStartSeconds);
            if (!hasExhaust && plant.groupPressureBar() > CycleDetector.WHOOSH_MIN_BAR) {
                pending.add(new Event(t, "trapped", String.format(java.util.Locale.ROOT,
                        "the solenoid released, but this machine has no three-way valve: %.1f bar stays trapped "
                                + "in the group", plant.groupPressureBar()), null));
            }
        }
        if (whooshOpen && !solenoid && plant.groupPressureBar() < CycleDetector.DECAY_BAR
                && plant.exhaustWaterFlowMlPerS() < SETTLED_ML_PER_S) {
            double soFar = plant.exhaustedToDripTrayMl() - dripAtRelease;
            pending.add(new Event(t, "whoosh", RunNarrative.whoosh(soFar, null) + " so far", soFar));
            whooshOpen = false;
        }
        lastPump = pump;
        lastSolenoid = solenoid;
        tellCycles(t);
    }

    /** The plant's run is over (a firmware's session ended): the last cycle is closed and told. */
    void finish(Plant plant) {
        detector.finish(plant);
        tellCycles(plant.timeSeconds() - originSeconds);
    }

    private void tellCycles(double t) {
        while (reported < detector.cycleCount()) {
            CycleReport c = detector.cycle(reported++);
            String line = RunNarrative.laterCycle(c);
            if (c.whooshVolumeMl() != null) {
                line = RunNarrative.whoosh(c.whooshVolumeMl(), c.dischargeResidueMgPerMl()) + ". " + line;
            }
            pending.add(new Event(t, "cycle", line, c.whooshVolumeMl()));
        }
    }

    /** The events since the last call, oldest first. */
    List<Event> drain() {
        List<Event> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    double originSeconds() {
        return originSeconds;
    }
}
