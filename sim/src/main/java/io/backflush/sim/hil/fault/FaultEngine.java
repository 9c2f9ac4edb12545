package io.backflush.sim.hil.fault;

import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.Plant;
import io.backflush.sim.run.TickObserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The faults of one plant: pending ones wait for their trigger (a time or a condition on the
 * true readings), active ones change what the firmware reads (sensor faults) or what the plant
 * does (plant faults, through {@link Plant#setFaults} and actuator overrides). As a
 * {@link TickObserver} it reads the true sensor channels after every step and fires the faults
 * whose trigger holds. Deterministic: noise comes from a {@link Random} seeded by the session's
 * reset seed; intermittent dropouts follow simulation time.
 */
public final class FaultEngine implements TickObserver {
    private final double dtSeconds;
    private final double tankMl;
    private final Consumer<String> onFired;
    private static final Channel[] CHANNELS = Channel.values();
    private final double[] truth = new double[Channel.COUNT];
    private final List<FaultSpec> pending = new ArrayList<>();
    private final List<Active> active = new ArrayList<>();
    private Random rng = new Random(0);
    /** Whether the pressure channels read the machine's sensors (protocol v2) or the plant (v1). */
    private boolean machineSensors;

    private static final class Active {
        final FaultSpec spec;
        final double stuck;
        final double[] ring;
        int count;

        Active(FaultSpec spec, double stuck, int ringSize) {
            this.spec = spec;
            this.stuck = stuck;
            this.ring = ringSize > 0 ? new double[ringSize] : null;
        }
    }

    /**
     * @param dtSeconds the tick (delay faults count ticks)
     * @param tankMl    water in the tank at the start, ml (the tank channel's true value starts there)
     * @param onFired   told the text of every fault that fires (for the trace)
     */
    public FaultEngine(double dtSeconds, double tankMl, Consumer<String> onFired) {
        this.dtSeconds = dtSeconds;
        this.tankMl = tankMl;
        this.onFired = onFired;
    }

    /** After a step: reads the true channels, then fires the faults whose trigger holds. */
    @Override
    public void afterStep(double stepStartSeconds, Plant plant) {
        readTruth(plant);
        fire(plant);
    }

    /**
     * Whether the pressure channels read the machine's group and line sensors (ripple, noise,
     * rounding: protocol v2) instead of the plant's pressures (v1, the default).
     */
    public FaultEngine machineSensors(boolean on) {
        machineSensors = on;
        return this;
    }

    /** Reads the true value of every sensor channel from the plant (the sensors' readings before faults). */
    public void readTruth(Plant plant) {
        for (Channel c : CHANNELS) {
            truth[c.ordinal()] = machineSensors ? c.readSensor(plant, tankMl) : c.read(plant, tankMl);
        }
    }

    /** Fires the pending faults whose trigger holds now on the true values last read. */
    public void fire(Plant plant) {
        for (String text : check(plant.timeSeconds(), truth, plant)) {
            onFired.accept(text);
        }
    }

    /** What the firmware reads: the true values last read, changed by the active sensor faults. */
    public void readings(double[] out, double tSeconds) {
        System.arraycopy(truth, 0, out, 0, truth.length);
        applySensors(out, tSeconds);
    }

    /** Clears every fault, reseeds the noise and arms the scenario's faults. */
    public void reset(long seed, List<FaultSpec> scenario) {
        pending.clear();
        active.clear();
        rng = new Random(seed);
        pending.addAll(scenario);
    }

    /** Adds a fault; returns whether it is pending (false: it fires at the next {@link #check}). */
    public void add(FaultSpec spec) {
        pending.add(spec);
    }

    public boolean anyActive() {
        return !active.isEmpty();
    }

    /**
     * Fires the pending faults whose trigger holds at {@code tSeconds} on the true readings
     * {@code truth} (indexed by {@link Channel#ordinal()}), updates delay lines, applies plant
     * faults to {@code plant}. Returns the texts of the faults that fired (for the trace). The faults
     * due are taken out of the pending list first and then activated in order, so a {@code clear}
     * among them removes what was active or pending before it, not those that fire after it.
     */
    List<String> check(double tSeconds, double[] truth, Plant plant) {
        List<FaultSpec> due = null;
        for (Iterator<FaultSpec> it = pending.iterator(); it.hasNext(); ) {
            FaultSpec f = it.next();
            boolean go = f.immediate()
                    || (!Double.isNaN(f.atSeconds()) && tSeconds >= f.atSeconds() - 1.0e-9)
                    || (f.condition() != null && f.condition().holds(truth[f.condition().channel().ordinal()]));
            if (go) {
                it.remove();
                if (due == null) {
                    due = new ArrayList<>(2);
                }
                due.add(f);
            }
        }
        List<String> fired = due == null ? List.of() : new ArrayList<>(due.size());
        if (due != null) {
            for (FaultSpec f : due) {
                activate(f, truth);
                fired.add(f.text());
            }
        }
        for (Active a : active) {
            if (a.ring != null) {
                a.ring[a.count % a.ring.length] = truth[a.spec.target().ordinal()];
                a.count++;
            }
        }
        if (due != null) {
            applyPlantFaults(plant);
        }
        return fired;
    }

    private void activate(FaultSpec f, double[] truth) {
        if (f.kind() == FaultKind.CLEAR) {
            active.removeIf(a -> f.target() == null || a.spec.target() == f.target());
            pending.removeIf(p -> f.target() == null || p.target() == f.target());
            return;
        }
        double stuck = f.target() == null ? 0.0 : truth[f.target().ordinal()];
        int ring = f.kind() == FaultKind.DELAY ? (int) Math.round(f.value() / 1000.0 / dtSeconds) + 1 : 0;
        active.add(new Active(f, stuck, ring));
    }

    private void applyPlantFaults(Plant plant) {
        double pump = 1.0;
        double exhaust = 1.0;
        double leak = 0.0;
        for (Active a : active) {
            switch (a.spec.kind()) {
                case WEAK_PUMP -> pump *= a.spec.value();
                case EMPTY_TANK -> pump = 0.0;
                case CLOGGED_EXHAUST -> exhaust *= a.spec.value();
                case LEAKING_SEAT -> leak += a.spec.value();
                default -> {
                }
            }
        }
        plant.setFaults(pump, exhaust, leak);
    }

    /** Changes the readings the firmware will see, in place. */
    void applySensors(double[] values, double tSeconds) {
        for (Active a : active) {
            FaultSpec f = a.spec;
            if (f.target() == null) {
                if (f.kind() == FaultKind.EMPTY_TANK) {
                    values[Channel.TANK_ML.ordinal()] = 0.0;
                }
                continue;
            }
            int i = f.target().ordinal();
            switch (f.kind()) {
                case STUCK -> values[i] = a.stuck;
                case NOISE -> values[i] += f.value() * rng.nextGaussian();
                case OFFSET -> values[i] += f.value();
                case SCALE -> values[i] *= f.value();
                case DROPOUT -> values[i] = Double.NaN;
                case DELAY -> {
                    int n = a.ring.length;
                    // the ring holds the last n = ms/dt + 1 readings, the newest at count - 1: the one
                    // ms ago is at count - n (before there is one that old, the oldest there is)
                    int oldest = a.count < n ? 0 : a.count - n;
                    values[i] = a.count == 0 ? values[i] : a.ring[oldest % n];
                }
                case INTERMITTENT -> {
                    double periodS = f.value() / 1000.0;
                    double phase = (tSeconds % periodS) / periodS;
                    if (phase < f.duty()) {
                        values[i] = Double.NaN;
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Overrides the firmware's commands where a plant fault takes them out of its hands. */
    public void overrideActuators(Actuators applied) {
        for (Active a : active) {
            if (a.spec.kind() == FaultKind.SOLENOID_STUCK) {
                applied.solenoidEnergised(a.spec.energised());
            } else if (a.spec.kind() == FaultKind.HEATER_STUCK_ON) {
                applied.heaterDuty(1.0);
            }
        }
    }
}
