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
        double k = parameters.groupInlet().waterCoefficient();
        if (parameters.gicleur() != null) {
            k = Fluids.seriesCoefficient(k, parameters.gicleur().waterCoefficient());
        }
        return new Machine(parameters, pump, new InletCharacteristic(pump, parameters.overPressureValve(), k));
    }

    public static Machine of(MachineParameters parameters) {
        return of(parameters, null);
    }

    /**
     * The same machine (its resolved pump curve and inlet characteristic shared) starting as
     * {@code start} says: {@code serve --start} over the machine file's default.
     */
    public Machine withStart(StartState start) {
        return start == parameters.start() ? this : new Machine(parameters.withStart(start), pump, inlet);
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
