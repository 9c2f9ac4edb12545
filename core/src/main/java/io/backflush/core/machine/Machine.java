package io.backflush.core.machine;

import io.backflush.core.hydraulics.Fluids;
import io.backflush.core.hydraulics.InletCharacteristic;
import io.backflush.core.hydraulics.PumpModel;
import io.backflush.core.param.InvalidParameterException;

import java.nio.file.Path;

/**
 * A machine ready to simulate: its parameters, the resolved pump curve and the precomputed inlet
 * characteristic. Immutable and shareable between plants (and threads).
 */
public final class Machine {
    private final MachineParameters parameters;
    private final PumpModel pump;
    private final InletCharacteristic inlet;
    private io.backflush.core.machine.WaterChemistry water;

    private Machine(MachineParameters parameters, PumpModel pump, InletCharacteristic inlet) {
        this.parameters = parameters;
        this.pump = pump;
        this.inlet = inlet;
    }

    /**
     * Resolves the pump curve (relative paths against {@code baseDirectory}, may be null), checks
     * the cross-field rules and precomputes the inlet characteristic.
     *
     * @throws InvalidParameterException naming the field at fault
     */
    public static Machine of(MachineParameters parameters, Path baseDirectory) {
        PumpModel pump;
        try {
            pump = PumpModel.of(parameters.pump(), baseDirectory);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("pump." + e.field(), e.reason());
        }
        if (parameters.overPressureValve() != null
                && parameters.overPressureValve().crackingPressureBar() >= pump.zeroFlowPressureBar()) {
            throw new InvalidParameterException("overPressureValve.crackingPressureBar",
                    parameters.overPressureValve().crackingPressureBar() + " bar is not below the pump's stall pressure ("
                            + String.format(java.util.Locale.ROOT, "%.2f", pump.zeroFlowPressureBar())
                            + " bar): the valve could never open");
        }
        return new Machine(parameters, pump, new InletCharacteristic(pump, parameters.overPressureValve(),
                inletCoefficient(parameters)));
    }

    public static Machine of(MachineParameters parameters) {
        return of(parameters, null);
    }

    /**
     * The same machine with changed parameters (wear, scale) and the same pump: the inlet
     * characteristic is recomputed when the inlet path or the OPV changed (tens of milliseconds),
     * else shared. The pump's parameters must not change (its curve stays resolved as it was).
     *
     * @throws IllegalArgumentException if {@code changed} has another pump
     * @throws InvalidParameterException naming the field at fault
     */
    public Machine with(MachineParameters changed) {
        if (!changed.pump().equals(parameters.pump())) {
            throw new IllegalArgumentException("Machine.with keeps the pump; got another pump");
        }
        double k = inletCoefficient(changed);
        boolean sameInlet = k == inletCoefficient(parameters)
                && java.util.Objects.equals(changed.overPressureValve(), parameters.overPressureValve());
        Machine next = new Machine(changed, pump, sameInlet ? inlet : new InletCharacteristic(pump,
                changed.overPressureValve(), k));
        next.water = water;
        return next;
    }

    /**
     * The water this machine is fed, as a machine file's {@code water:} section gives it (null: none
     * given; scale then comes only from the command line's water, if any).
     */
    public io.backflush.core.machine.WaterChemistry water() {
        return water;
    }

    /** The same machine fed the given water (null: none). */
    public Machine withWater(io.backflush.core.machine.WaterChemistry newWater) {
        Machine next = new Machine(parameters, pump, inlet);
        next.water = newWater;
        return next;
    }

    /** The inlet path's flow coefficient: the gicleur (if any) in series with the group inlet. */
    private static double inletCoefficient(MachineParameters p) {
        double k = p.groupInlet().waterCoefficient();
        if (p.gicleur() != null) {
            k = Fluids.seriesCoefficient(k, p.gicleur().waterCoefficient());
        }
        return k;
    }

    /**
     * The same machine (its resolved pump curve and inlet characteristic shared) starting as
     * {@code start} says: {@code serve --start} over the machine file's default.
     */
    public Machine withStart(StartState start) {
        if (start == parameters.start()) {
            return this;
        }
        Machine next = new Machine(parameters.withStart(start), pump, inlet);
        next.water = water;
        return next;
    }

    public MachineParameters parameters() {
        return parameters;
    }

    public PumpModel pump() {
        return pump;
    }

    public InletCharacteristic inlet() {
        return inlet;
    }

    public String name() {
        return parameters.name();
    }

    /**
     * The highest group pressure the supply can sustain: the OPV's (or bypass's) relief pressure
     * with the pump dead-headed, or the pump's stall pressure where nothing relieves it, bar.
     */
    public double reliefPressureBar() {
        return inlet.deadheadPressureBar();
    }
}
