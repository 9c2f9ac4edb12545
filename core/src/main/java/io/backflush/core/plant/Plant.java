package io.backflush.core.plant;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.PumpModel;
import io.backflush.core.machine.Machine;

import java.util.Arrays;

/**
 * One simulated machine: continuous state ({@link StateLayout}), the discrete state of its
 * switching parts (three-way valve with its response dead time, pump strokes decided per mains
 * cycle by pulse skipping), the actuator commands, and what the last step observed (pressures and
 * flows). Advance it with {@link #step(double)}; read it through the accessors. Not thread-safe:
 * one plant per thread.
 */
public final class Plant {
    private static final double EPS_SECONDS = 1.0e-9;

    private final Machine machine;
    private BasketParameters basket;
    private final BrewCircuit circuit;
    private final Cleaning cleaning;
    private final FixedStepper stepper;
    private final Actuators commands = new Actuators();
    final double[] state = new double[StateLayout.SIZE];

    private double timeSeconds;
    private double timeCompensation;
    private double emptiedFromBasketMl;
    private long appliedResidueVersion = -1;
    // three-way valve
    private boolean valveCommand;
    private boolean valveEnergised;
    private double valveSwitchAtSeconds = Double.NaN;
    // pump pulse skipping
    private boolean pumpStroking;
    private double pulseAccumulator;
    private long mainsCycleIndex;
    private double pumpRunningFraction;
    private final double mainsPeriodSeconds;
    // fault hooks (HIL plant faults): 1, 1, 0 when healthy
    private double pumpDeliveryFactor = 1.0;
    private double exhaustFaultFactor = 1.0;
    private double seatLeakFaultCoefficient;

    // observables of the last step
    double groupBar;
    double pumpOutletBar;
    double inflowMlPerS;
    double pumpFlowMlPerS;
    double reliefFlowMlPerS;
    double exhaustWaterFlowMlPerS;
    double exhaustAirFlowAtmMlPerS;
    double cupFlowMlPerS;

    /**
     * A plant at operating temperature with a dry group chamber.
     *
     * @param machine the machine
     * @param basket  what closes the group
     */
    public Plant(Machine machine, BasketParameters basket) {
        this(machine, basket, InitialConditions.hotAndDry());
    }

    public Plant(Machine machine, BasketParameters basket, InitialConditions initial) {
        this(machine, basket, initial, CleaningParameters.defaults());
    }

    public Plant(Machine machine, BasketParameters basket, InitialConditions initial, CleaningParameters cleaning) {
        this.machine = machine;
        this.basket = basket;
        this.circuit = new BrewCircuit(machine, basket);
        this.stepper = new FixedStepper(circuit);
        this.mainsPeriodSeconds = 1.0 / machine.pump().mainsHz();
        this.cleaning = new Cleaning(cleaning);
        fillChamber(initial.groupWaterMl());
        state[StateLayout.BOILER_C] = initial.boilerC();
        state[StateLayout.GROUP_METAL_C] = initial.groupMetalC();
        state[StateLayout.BOILER_SENSOR_C] = initial.boilerC();
        state[StateLayout.GROUP_SENSOR_C] = initial.groupMetalC();
    }

    /** Sets the chamber to hold {@code waterMl} of water and atmospheric air in the rest. */
    private void fillChamber(double waterMl) {
        double chamber = machine.parameters().chamber().freeVolumeMl();
        double water = Math.min(Math.max(waterMl, 0.0), chamber);
        double air = chamber - water;
        double headspace = machine.parameters().chamber().headspaceAirFraction();
        state[StateLayout.GROUP_WATER_ML] = water;
        state[StateLayout.HEADSPACE_AIR_ATM_ML] = headspace * air;
        state[StateLayout.BASKET_AIR_ATM_ML] = (1.0 - headspace) * air;
        groupBar = circuit.pressureBar(water, air);
    }

    /**
     * The barista takes the portafilter out and puts another basket in: the chamber's water (and
     * any detergent in it) is emptied into the drip tray and the chamber refills with air. Only
     * call it with the group released (the valve de-energised); a real group under pressure
     * cannot be opened.
     */
    public void changeBasket(BasketParameters newBasket) {
        state[StateLayout.TO_DRIP_TRAY_ML] += state[StateLayout.GROUP_WATER_ML];
        emptiedFromBasketMl += state[StateLayout.GROUP_WATER_ML];
        state[StateLayout.GROUP_WATER_ML] = 0.0;
        cleaning.dumpChamber();
        this.basket = newBasket;
        circuit.setBasket(newBasket);
        fillChamber(0.0);
    }

    /** The commands the plant applies at the next step; a controller writes them. */
    public Actuators actuators() {
        return commands;
    }

    /**
     * Advances the plant by {@code dtSeconds}: applies the commands (valve dead time, pump strokes
     * at mains cycles), then solves the hydraulics implicitly and the heat explicitly. Allocates
     * nothing.
     */
    public void step(double dtSeconds) {
        double t = timeSeconds;
        updateValve(t);
        if (cleaning.residueVersion() != appliedResidueVersion) {
            // residue changed since the effects were last applied (last step, or set from outside)
            applyFouling();
        }
        updatePump(t, dtSeconds);
        boolean exhaustOpen = circuit.hasExhaust() && !valveEnergised;
        boolean inletOpen = !circuit.hasExhaust() || valveEnergised;
        stepper.step(this, dtSeconds, pumpRunningFraction * pumpDeliveryFactor, inletOpen, exhaustOpen,
                commands.heaterDuty());
        cleaning.step(dtSeconds, exhaustWaterFlowMlPerS, cupFlowMlPerS, state[StateLayout.GROUP_WATER_ML],
                state[StateLayout.GROUP_METAL_C]);
        advanceTime(dtSeconds);
    }

    /** Compensated (Kahan) summation: a million 1 ms steps land on 1000 s, not 999.9999999. */
    private void advanceTime(double seconds) {
        double t = timeSeconds;
        double y = seconds - timeCompensation;
        double sum = t + y;
        timeCompensation = (sum - t) - y;
        timeSeconds = sum;
    }

    private void applyFouling() {
        appliedResidueVersion = cleaning.residueVersion();
        circuit.applyFouling(cleaning.exhaustAreaFactor() * exhaustFaultFactor, cleaning.screenResistanceBarS2PerMl2(),
                cleaning.seatLeakCoefficient() + seatLeakFaultCoefficient);
    }

    /**
     * Plant faults for fault injection (the HIL bridge); all three together, healthy is
     * {@code (1, 1, 0)}. They take effect from the next step.
     *
     * @param pumpDeliveryFactor       fraction of the pump's strokes that deliver, 0..1 (a weak pump;
     *                                 0 is a pump running dry on an empty tank)
     * @param exhaustFaultFactor       fraction of the exhaust's flow area left open by a clog, 0..1,
     *                                 on top of residue
     * @param seatLeakFaultCoefficient extra leak past the closed exhaust seat, ml/s per sqrt(bar)
     */
    public void setFaults(double pumpDeliveryFactor, double exhaustFaultFactor, double seatLeakFaultCoefficient) {
        this.pumpDeliveryFactor = clamp01(pumpDeliveryFactor);
        this.exhaustFaultFactor = clamp01(exhaustFaultFactor);
        this.seatLeakFaultCoefficient = Double.isNaN(seatLeakFaultCoefficient) ? 0.0
                : Math.max(0.0, seatLeakFaultCoefficient);
        applyFouling();
    }

    private static double clamp01(double v) {
        return Double.isNaN(v) ? 1.0 : Math.max(0.0, Math.min(1.0, v));
    }

    /**
     * Everything needed to continue this plant bit for bit: continuous state, valve and pump
     * discrete state, time, the last step's observables, the commands, the fault hooks, the basket
     * and the residue and detergent pools. Restore it with {@link #restore(Snapshot)}.
     */
    public Snapshot snapshot() {
        Snapshot s = new Snapshot(machine, cleaning.parameters());
        s.state = state.clone();
        s.basket = basket;
        s.timeSeconds = timeSeconds;
        s.timeCompensation = timeCompensation;
        s.emptiedFromBasketMl = emptiedFromBasketMl;
        s.valveCommand = valveCommand;
        s.valveEnergised = valveEnergised;
        s.valveSwitchAtSeconds = valveSwitchAtSeconds;
        s.pumpStroking = pumpStroking;
        s.pulseAccumulator = pulseAccumulator;
        s.mainsCycleIndex = mainsCycleIndex;
        s.pumpRunningFraction = pumpRunningFraction;
        s.pumpDeliveryFactor = pumpDeliveryFactor;
        s.exhaustFaultFactor = exhaustFaultFactor;
        s.seatLeakFaultCoefficient = seatLeakFaultCoefficient;
        s.observables = new double[] {groupBar, pumpOutletBar, inflowMlPerS, pumpFlowMlPerS, reliefFlowMlPerS,
                exhaustWaterFlowMlPerS, exhaustAirFlowAtmMlPerS, cupFlowMlPerS};
        s.commands.copyFrom(commands);
        s.cleaning.copyFrom(cleaning);
        return s;
    }

    /**
     * Puts this plant back in the state of {@code snapshot}, taken from a plant of the same machine
     * (this one or another): stepping on gives the same results bit for bit.
     *
     * @throws IllegalArgumentException if the snapshot is of another machine
     */
    public void restore(Snapshot s) {
        if (s.machine != machine) {
            throw new IllegalArgumentException("snapshot of machine '" + s.machine.name() + "' cannot restore '"
                    + machine.name() + "'");
        }
        System.arraycopy(s.state, 0, state, 0, state.length);
        if (s.basket != basket) {
            basket = s.basket;
            circuit.setBasket(basket);
        }
        timeSeconds = s.timeSeconds;
        timeCompensation = s.timeCompensation;
        emptiedFromBasketMl = s.emptiedFromBasketMl;
        valveCommand = s.valveCommand;
        valveEnergised = s.valveEnergised;
        valveSwitchAtSeconds = s.valveSwitchAtSeconds;
        pumpStroking = s.pumpStroking;
        pulseAccumulator = s.pulseAccumulator;
        mainsCycleIndex = s.mainsCycleIndex;
        pumpRunningFraction = s.pumpRunningFraction;
        pumpDeliveryFactor = s.pumpDeliveryFactor;
        exhaustFaultFactor = s.exhaustFaultFactor;
        seatLeakFaultCoefficient = s.seatLeakFaultCoefficient;
        double[] o = s.observables;
        groupBar = o[0];
        pumpOutletBar = o[1];
        inflowMlPerS = o[2];
        pumpFlowMlPerS = o[3];
        reliefFlowMlPerS = o[4];
        exhaustWaterFlowMlPerS = o[5];
        exhaustAirFlowAtmMlPerS = o[6];
        cupFlowMlPerS = o[7];
        commands.copyFrom(s.commands);
        cleaning.copyFrom(s.cleaning);
        applyFouling();
    }

    /** A saved plant state; opaque, immutable once taken (see {@link #snapshot()}). */
    public static final class Snapshot {
        private final Machine machine;
        private final Cleaning cleaning;
        private final Actuators commands = new Actuators();
        private double[] state;
        private BasketParameters basket;
        private double timeSeconds;
        private double timeCompensation;
        private double emptiedFromBasketMl;
        private boolean valveCommand;
        private boolean valveEnergised;
        private double valveSwitchAtSeconds;
        private boolean pumpStroking;
        private double pulseAccumulator;
        private long mainsCycleIndex;
        private double pumpRunningFraction;
        private double pumpDeliveryFactor;
        private double exhaustFaultFactor;
        private double seatLeakFaultCoefficient;
        private double[] observables;

        private Snapshot(Machine machine, CleaningParameters cleaningParameters) {
            this.machine = machine;
            this.cleaning = new Cleaning(cleaningParameters);
        }

        /** Simulation time of the snapshot, s. */
        public double timeSeconds() {
            return timeSeconds;
        }
    }

    /**
     * Jumps over an idle period in which nothing flows (pump off, nothing being brewed): time
     * advances, residue ages at the current group temperature, temperatures are held (the
     * machine's thermostat holds them while it is on; see {@link #setTemperatures} for the
     * machine being switched off). Used by day-scale usage simulations between shots.
     */
    public void idle(double seconds) {
        if (seconds <= 0) {
            return;
        }
        cleaning.idle(seconds, state[StateLayout.GROUP_METAL_C]);
        advanceTime(seconds);
        // whole mains cycles elapse; keep the pulse-skipping clock in step with the new time
        mainsCycleIndex = Math.max(mainsCycleIndex, (long) Math.ceil(timeSeconds / mainsPeriodSeconds - 1e-9));
        if (valveSwitchAtSeconds == valveSwitchAtSeconds && timeSeconds >= valveSwitchAtSeconds) {
            valveEnergised = valveCommand;
            valveSwitchAtSeconds = Double.NaN;
        }
    }

    /**
     * Sets boiler and group temperatures (and their probes): the machine switched on and at
     * temperature, or cooled to the room overnight. A shortcut for day-scale simulations, which do
     * not integrate hours of heating.
     */
    public void setTemperatures(double boilerC, double groupC) {
        state[StateLayout.BOILER_C] = boilerC;
        state[StateLayout.BOILER_SENSOR_C] = boilerC;
        state[StateLayout.GROUP_METAL_C] = groupC;
        state[StateLayout.GROUP_SENSOR_C] = groupC;
    }

    private void updateValve(double t) {
        if (!circuit.hasExhaust()) {
            valveEnergised = commands.solenoidEnergised();
            valveCommand = valveEnergised;
            return;
        }
        boolean command = commands.solenoidEnergised();
        if (command != valveCommand) {
            valveCommand = command;
            valveSwitchAtSeconds = t + machine.parameters().threeWayValve().responseSeconds();
        }
        if (valveSwitchAtSeconds == valveSwitchAtSeconds && t >= valveSwitchAtSeconds - EPS_SECONDS) {
            valveEnergised = valveCommand;
            valveSwitchAtSeconds = Double.NaN;
        }
    }

    private void updatePump(double t, double dt) {
        PumpModel pump = machine.pump();
        double duty = commands.pumpDuty();
        if (!pump.pulseSkipping()) {
            pumpStroking = duty >= 0.5;
            pumpRunningFraction = pumpStroking ? 1.0 : 0.0;
            return;
        }
        double period = mainsPeriodSeconds;
        double end = t + dt;
        double segmentStart = t;
        double onTime = 0.0;
        boolean stroking = pumpStroking;
        double boundary = mainsCycleIndex * period;
        while (boundary < end - EPS_SECONDS) {
            if (boundary > segmentStart) {
                if (stroking) {
                    onTime += boundary - segmentStart;
                }
                segmentStart = boundary;
            }
            pulseAccumulator += duty;
            stroking = pulseAccumulator >= 0.5;
            if (stroking) {
                pulseAccumulator -= 1.0;
            }
            mainsCycleIndex++;
            boundary = mainsCycleIndex * period;
        }
        if (stroking) {
            onTime += end - segmentStart;
        }
        pumpStroking = stroking;
        pumpRunningFraction = onTime >= dt ? 1.0 : onTime / dt;
    }

    /** Fills {@code out} with the current sensor readings. */
    public void readSensors(Sensors out) {
        out.timeSeconds = timeSeconds;
        out.groupPressureBar = groupBar;
        out.pumpPressureBar = pumpOutletBar;
        out.boilerTemperatureC = state[StateLayout.BOILER_SENSOR_C];
        out.groupTemperatureC = state[StateLayout.GROUP_SENSOR_C];
        out.flowMeterMl = state[StateLayout.FROM_TANK_ML];
    }

    // ---- observables ----

    public double timeSeconds() {
        return timeSeconds;
    }

    public Machine machine() {
        return machine;
    }

    public BasketParameters basket() {
        return basket;
    }

    public BrewCircuit circuit() {
        return circuit;
    }

    /** Group chamber gauge pressure, bar. */
    public double groupPressureBar() {
        return groupBar;
    }

    /** Pump outlet gauge pressure, bar. */
    public double pumpPressureBar() {
        return pumpOutletBar;
    }

    /** Net flow into the group over the last step, ml/s. */
    public double groupInflowMlPerS() {
        return inflowMlPerS;
    }

    /** Flow drawn from the tank by the pump over the last step, ml/s. */
    public double pumpFlowMlPerS() {
        return pumpFlowMlPerS;
    }

    /** Flow returned to the tank by the OPV over the last step, ml/s. */
    public double reliefFlowMlPerS() {
        return reliefFlowMlPerS;
    }

    /** Water leaving through the exhaust to the drip tray over the last step, ml/s. */
    public double exhaustWaterFlowMlPerS() {
        return exhaustWaterFlowMlPerS;
    }

    /** Air leaving through the exhaust over the last step, ml at 1 atm per second. */
    public double exhaustAirFlowAtmMlPerS() {
        return exhaustAirFlowAtmMlPerS;
    }

    /** Flow through the basket to the cup over the last step, ml/s. */
    public double cupFlowMlPerS() {
        return cupFlowMlPerS;
    }

    /** Pressure at the top of the puck, below the group pressure by a fouled screen's drop, bar. */
    public double puckPressureBar() {
        return circuit.puckPressureBar(groupBar, cupFlowMlPerS);
    }

    /** Water that reached the drip tray through the valve's exhaust (not emptied by hand), ml. */
    public double exhaustedToDripTrayMl() {
        return state[StateLayout.TO_DRIP_TRAY_ML] - emptiedFromBasketMl;
    }

    /** The residue and detergent state. */
    public Cleaning cleaning() {
        return cleaning;
    }

    /** Whether the three-way valve is (after its dead time) energised. */
    public boolean valveEnergised() {
        return valveEnergised;
    }

    /** Fraction of the last step during which the pump stroked or ran. */
    public double pumpRunningFraction() {
        return pumpRunningFraction;
    }

    /** One state variable, by {@link StateLayout} index. */
    public double state(int index) {
        return state[index];
    }

    /** A copy of the continuous state. */
    public double[] stateCopy() {
        return state.clone();
    }

    public double groupWaterMl() {
        return state[StateLayout.GROUP_WATER_ML];
    }

    public double trappedAirAtmMl() {
        return state[StateLayout.HEADSPACE_AIR_ATM_ML] + state[StateLayout.BASKET_AIR_ATM_ML];
    }

    public double boilerTemperatureC() {
        return state[StateLayout.BOILER_C];
    }

    public double groupTemperatureC() {
        return state[StateLayout.GROUP_METAL_C];
    }

    /** Lagged boiler temperature reading, °C. */
    public double boilerSensorC() {
        return state[StateLayout.BOILER_SENSOR_C];
    }

    /** Lagged group temperature reading, °C. */
    public double groupSensorC() {
        return state[StateLayout.GROUP_SENSOR_C];
    }

    /** The water ledger so far. */
    public WaterBalance waterBalance(double initialGroupWaterMl) {
        return new WaterBalance(state[StateLayout.FROM_TANK_ML], state[StateLayout.RETURNED_TO_TANK_ML],
                state[StateLayout.TO_DRIP_TRAY_ML], state[StateLayout.TO_CUP_ML],
                state[StateLayout.GROUP_WATER_ML] - initialGroupWaterMl);
    }

    @Override
    public String toString() {
        return "Plant[" + machine.name() + ", t=" + timeSeconds + " s, p=" + groupBar + " bar, state="
                + Arrays.toString(state) + "]";
    }
}
