package io.backflush.core.plant;

import io.backflush.core.cleaning.Cleaning;
import io.backflush.core.cleaning.CleaningParameters;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.thermal.PressurePlace;

import java.util.Arrays;

/**
 * One simulated machine, made of parts: its continuous state ({@link StateLayout}, a flat array),
 * its discrete parts (the {@link ThreeWayValve} with its dead time, the {@link PumpDrive} that
 * turns duty into strokes), the actuator commands, the faults injected from outside
 * ({@link Faults}), the residue and detergent ({@link Cleaning}) and what the last step observed
 * (pressures and flows, {@link StepObservables}). A stepper ({@link StepperKind}) advances it with
 * {@link #step(double)}; read it through the accessors. Not thread-safe: one plant per thread.
 */
public final class Plant {
    private final Machine machine;
    private BasketParameters basket;
    private final BrewCircuit circuit;
    private final Cleaning cleaning;
    private final ThreeWayValve valve;
    private final PumpDrive pump;
    private final StepperKind stepperKind;
    private final FixedStepper fixedStepper;
    private final ReferenceStepper referenceStepper;
    private final Actuators commands = new Actuators();
    final double[] state;
    /** Flows and pressures of the last step. */
    private final Flows observed = new Flows();
    /** What the pressure sensors add to the pressures (null: they read them exactly). */
    private final PressureSensorModel pressureSensors;
    private final boolean transducerOnLine;
    /** Seed of the pressure sensors' noise. */
    private long sensorSeed;

    private Faults faults = Faults.HEALTHY;
    private double timeSeconds;
    private double timeCompensation;
    private double emptiedFromBasketMl;
    private double pumpRunningFraction;
    private long appliedResidueVersion = -1;
    /** Whether water has come into the group since the basket was last emptied (it holds its share). */
    private boolean basketWet = true;

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
        this(machine, basket, initial, cleaning, StepperKind.FIXED);
    }

    /** A plant advanced by the given stepper (the reference at its default tolerances). */
    public Plant(Machine machine, BasketParameters basket, InitialConditions initial, CleaningParameters cleaning,
                 StepperKind stepper) {
        this(machine, basket, initial, cleaning, stepper, ReferenceStepper.DEFAULT_RELATIVE_TOLERANCE,
                ReferenceStepper.DEFAULT_ABSOLUTE_TOLERANCE);
    }

    /** A plant advanced by the reference stepper at the given tolerances. */
    Plant(Machine machine, BasketParameters basket, InitialConditions initial, CleaningParameters cleaning,
          double relativeTolerance, double absoluteTolerance) {
        this(machine, basket, initial, cleaning, StepperKind.REFERENCE, relativeTolerance, absoluteTolerance);
    }

    private Plant(Machine machine, BasketParameters basket, InitialConditions initial, CleaningParameters cleaning,
                  StepperKind stepper, double relativeTolerance, double absoluteTolerance) {
        this.machine = machine;
        this.basket = basket;
        this.circuit = new BrewCircuit(machine, basket);
        this.cleaning = new Cleaning(cleaning);
        this.valve = new ThreeWayValve(machine.parameters());
        this.pump = new PumpDrive(machine.pump());
        this.state = StateLayout.initial(machine.parameters(), initial);
        this.pressureSensors = PressureSensorModel.of(machine);
        this.transducerOnLine = machine.parameters().sensors().pressureTransducer() == PressurePlace.LINE;
        this.sensorSeed = machine.parameters().sensors().noiseSeed();
        this.observed.groupBar = circuit.pressureOf(state);
        this.stepperKind = stepper;
        if (stepper == StepperKind.REFERENCE) {
            this.fixedStepper = null;
            this.referenceStepper = new ReferenceStepper(circuit, state, valve, pump, commands, this.cleaning, observed,
                    this::refreshFouling, relativeTolerance, absoluteTolerance);
        } else {
            this.fixedStepper = new FixedStepper(circuit);
            this.referenceStepper = null;
        }
    }

    /** The stepper advancing this plant. */
    public StepperKind stepperKind() {
        return stepperKind;
    }

    /**
     * The fixed stepper's solver counters since this plant was made (a restore does not reset or
     * copy them); null for a reference plant. A new record each call: not for the hot path.
     */
    public SolverStats solverStats() {
        return fixedStepper == null ? null : fixedStepper.stats();
    }

    /** The reference stepper (null for a fixed-step plant): the reference integrator's hooks. */
    ReferenceStepper referenceStepper() {
        return referenceStepper;
    }

    /**
     * The barista takes the portafilter out and puts another basket in: the basket's water (its
     * share of the chamber, 1 − the headspace fraction), the detergent dissolved in it and any
     * powder left in it go to the drip tray, and the basket refills with air; the liquid above the
     * screen and in the passage stays (the next rinse pushes it out first). A basket emptied again
     * before any water came in gives up nothing more. Only call it with the
     * group released (the valve de-energised); a real group under pressure cannot be opened.
     */
    public void changeBasket(BasketParameters newBasket) {
        double basketShare = basketWet ? 1.0 - machine.parameters().chamber().headspaceAirFraction() : 0.0;
        double water = state[StateLayout.GROUP_WATER_ML];
        // the puck goes to the knock box with the water it absorbed (counted with the drip tray's)
        double emptied = water * basketShare + state[StateLayout.PUCK_WATER_ML];
        state[StateLayout.PUCK_WATER_ML] = 0.0;
        state[StateLayout.PUCK_THROUGH_ML] = 0.0;
        state[StateLayout.TO_DRIP_TRAY_ML] += emptied;
        emptiedFromBasketMl += emptied;
        cleaning.dumpBasket(water > 0.0 ? basketShare : 1.0);
        basketWet = false;
        this.basket = newBasket;
        circuit.setBasket(newBasket);
        StateLayout.fillChamber(state, machine.parameters().chamber(), water * (1.0 - basketShare));
        observed.groupBar = circuit.pressureOf(state);
    }

    /** The commands the plant applies at the next step; a controller writes them. */
    public Actuators actuators() {
        return commands;
    }

    /**
     * Advances the plant by {@code dtSeconds}: the discrete parts take the commands (the valve's
     * dead time, pump strokes at mains cycles), the stepper advances the hydraulics and the heat,
     * and the residue and detergent follow the step's flows. The fixed stepper allocates nothing.
     */
    public void step(double dtSeconds) {
        if (referenceStepper != null) {
            referenceStepper.step(timeSeconds, dtSeconds, faults.pumpDeliveryFactor());
            pumpRunningFraction = referenceStepper.strokingFraction();
        } else {
            double t = timeSeconds;
            valve.command(t, commands.solenoidEnergised());
            refreshFouling();
            double fraction = pump.advance(t, dtSeconds, commands.pumpDuty());
            pumpRunningFraction = fraction;
            fixedStepper.step(state, dtSeconds, fraction * faults.pumpDeliveryFactor(), valve.inletOpen(),
                    valve.exhaustOpen(), commands.heaterDuty(), observed);
            cleaning.step(dtSeconds, exhaustWaterFlowMlPerS(), observed.cupFlowMlPerS,
                    state[StateLayout.GROUP_WATER_ML], state[StateLayout.GROUP_METAL_C]);
        }
        if (observed.inflowMlPerS > 0.0) {
            basketWet = true;
        }
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

    /** Re-applies the effects of residue and faults when the residue changed since they were last applied. */
    private void refreshFouling() {
        if (cleaning.residueVersion() != appliedResidueVersion) {
            applyFouling();
        }
    }

    private void applyFouling() {
        appliedResidueVersion = cleaning.residueVersion();
        circuit.applyFouling(cleaning.exhaustAreaFactor() * faults.exhaustAreaFactor(),
                cleaning.screenResistanceBarS2PerMl2(), cleaning.seatLeakCoefficient() + faults.seatLeakCoefficient());
    }

    /**
     * Plant faults for fault injection (the HIL bridge); all three together, healthy is
     * {@code (1, 1, 0)}. They take effect from the next step. See {@link Faults}.
     */
    public void setFaults(double pumpDeliveryFactor, double exhaustFaultFactor, double seatLeakFaultCoefficient) {
        setFaults(new Faults(pumpDeliveryFactor, exhaustFaultFactor, seatLeakFaultCoefficient));
    }

    /** Plant faults, from the next step. */
    public void setFaults(Faults newFaults) {
        this.faults = newFaults;
        applyFouling();
    }

    /** The faults in force. */
    public Faults faults() {
        return faults;
    }

    /**
     * Everything needed to continue this plant bit for bit: a copy of each part. Restore it with
     * {@link #restore(Snapshot)}.
     */
    public Snapshot snapshot() {
        Cleaning cleaningCopy = new Cleaning(cleaning.parameters());
        cleaningCopy.copyFrom(cleaning);
        Actuators commandsCopy = new Actuators();
        commandsCopy.copyFrom(commands);
        return new Snapshot(machine, basket, state.clone(), timeSeconds, timeCompensation, emptiedFromBasketMl,
                valve.state(), pump.state(), faults, observables(), pumpRunningFraction, basketWet, commandsCopy,
                cleaningCopy, sensorSeed, fixedStepper == null ? null : fixedStepper.continuation());
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
        restoreParts(s);
    }

    /**
     * This plant continued, bit for bit in its state, on a changed machine of the same plumbing
     * (the same machine worn or scaled, {@link Machine#with}): a new plant of the same stepper with
     * every part of this one copied into it. Meant for between programs or days, not per step.
     */
    public Plant continuedOn(Machine changed) {
        Plant next = new Plant(changed, basket, InitialConditions.hotAndDry(), cleaning.parameters(), stepperKind);
        next.restoreParts(snapshot());
        return next;
    }

    private void restoreParts(Snapshot s) {
        System.arraycopy(s.state, 0, state, 0, state.length);
        if (s.basket != basket) {
            basket = s.basket;
            circuit.setBasket(basket);
        }
        timeSeconds = s.timeSeconds;
        timeCompensation = s.timeCompensation;
        emptiedFromBasketMl = s.emptiedFromBasketMl;
        valve.restore(s.valve);
        pump.restore(s.pump);
        faults = s.faults;
        StepObservables o = s.observed;
        observed.groupBar = o.groupBar();
        observed.pumpOutletBar = o.pumpOutletBar();
        observed.inflowMlPerS = o.inflowMlPerS();
        observed.pumpFlowMlPerS = o.pumpFlowMlPerS();
        observed.exhaustWaterMlPerS = o.exhaustWaterMlPerS();
        observed.exhaustAirAtmMlPerS = o.exhaustAirAtmMlPerS();
        observed.drainMlPerS = 0.0; // the record's flows are net of the drain already
        observed.lineGainMlPerS = o.pumpFlowMlPerS() - o.inflowMlPerS() - o.reliefFlowMlPerS();
        observed.cupFlowMlPerS = o.cupFlowMlPerS();
        pumpRunningFraction = s.pumpRunningFraction;
        basketWet = s.basketWet;
        commands.copyFrom(s.commands);
        cleaning.copyFrom(s.cleaning);
        sensorSeed = s.sensorSeed;
        if (fixedStepper != null) {
            fixedStepper.continueFrom(s.stepper);
        }
        applyFouling();
    }

    /** The last step's pressures and flows, as a record. */
    public StepObservables observables() {
        return new StepObservables(observed.groupBar, observed.pumpOutletBar, observed.inflowMlPerS,
                observed.pumpFlowMlPerS, reliefFlowMlPerS(), exhaustWaterFlowMlPerS(), exhaustAirFlowAtmMlPerS(),
                observed.cupFlowMlPerS);
    }

    /**
     * A saved plant: a copy of each part (continuous state, time, valve, pump drive, faults, last
     * observables, commands, residue and detergent, basket); immutable once taken. Restore it with
     * {@link #restore(Snapshot)}.
     */
    public static final class Snapshot {
        private final Machine machine;
        private final BasketParameters basket;
        private final double[] state;
        private final double timeSeconds;
        private final double timeCompensation;
        private final double emptiedFromBasketMl;
        private final ThreeWayValve.State valve;
        private final PumpDrive.State pump;
        private final Faults faults;
        private final StepObservables observed;
        private final double pumpRunningFraction;
        private final boolean basketWet;
        private final Actuators commands;
        private final Cleaning cleaning;
        private final long sensorSeed;
        // where the fixed stepper's last step ended and what it changed (its next Newton start); null from a reference plant
        private final FixedStepper.Continuation stepper;

        private Snapshot(Machine machine, BasketParameters basket, double[] state, double timeSeconds,
                         double timeCompensation, double emptiedFromBasketMl, ThreeWayValve.State valve,
                         PumpDrive.State pump, Faults faults, StepObservables observed, double pumpRunningFraction,
                         boolean basketWet, Actuators commands, Cleaning cleaning, long sensorSeed,
                         FixedStepper.Continuation stepper) {
            this.machine = machine;
            this.basket = basket;
            this.state = state;
            this.timeSeconds = timeSeconds;
            this.timeCompensation = timeCompensation;
            this.emptiedFromBasketMl = emptiedFromBasketMl;
            this.valve = valve;
            this.pump = pump;
            this.faults = faults;
            this.observed = observed;
            this.pumpRunningFraction = pumpRunningFraction;
            this.basketWet = basketWet;
            this.commands = commands;
            this.cleaning = cleaning;
            this.sensorSeed = sensorSeed;
            this.stepper = stepper;
        }

        /** Simulation time of the snapshot, s. */
        public double timeSeconds() {
            return timeSeconds;
        }

        /** What the last step before the snapshot observed. */
        public StepObservables observables() {
            return observed;
        }
    }

    /**
     * Jumps over an idle period in which nothing flows (pump off, nothing being brewed): time
     * advances, residue ages at the current group temperature, temperatures are held (the
     * machine's thermostat holds them while it is on; see {@link #setTemperatures} for the
     * machine being switched off), whole mains cycles pass and a pending valve switch falls due.
     * Used by day-scale usage simulations between shots.
     */
    public void idle(double seconds) {
        if (seconds <= 0) {
            return;
        }
        cleaning.idle(seconds, state[StateLayout.GROUP_METAL_C]);
        advanceTime(seconds);
        pump.elapse(timeSeconds);
        valve.elapse(timeSeconds);
        circuit.idle(state, seconds, valve.inletOpen(), valve.exhaustOpen());
        observed.groupBar = circuit.pressureOf(state);
        observed.pumpOutletBar = state[StateLayout.LINE_WATER_ML] / circuit.lineComplianceMlPerBar();
    }

    /**
     * Sets boiler and group temperatures (and their probes; the element takes the water's): the
     * machine switched on and at temperature, or cooled to the room overnight. NaN for the group
     * means its steady state with the boiler, NaN for the boiler the room's temperature. A shortcut
     * for day-scale simulations, which do not integrate hours of heating.
     */
    public void setTemperatures(double boilerC, double groupC) {
        StateLayout.setTemperatures(state, machine.parameters(), boilerC, groupC);
    }

    /**
     * Fills {@code out} with the current sensor readings: the pressures as the machine's group and
     * line sensors read them ({@link io.backflush.core.thermal.SensorParameters}: ripple, noise,
     * rounding; the plant's state is not changed by them), the lagging probes, the flow meter.
     * Allocates nothing.
     */
    public void readSensors(Sensors out) {
        out.fill(timeSeconds, observed.groupBar, observed.pumpOutletBar, pumpRunningFraction, pressureSensors,
                sensorSeed, transducerOnLine, state[StateLayout.BOILER_SENSOR_C], state[StateLayout.GROUP_SENSOR_C],
                state[StateLayout.FROM_TANK_ML]);
    }

    /** The group sensor's reading now (what {@link Sensors#groupPressureBar()} reads), bar. */
    public double groupSensorBar() {
        return pressureSensors == null ? observed.groupBar
                : pressureSensors.group(observed.groupBar, timeSeconds, sensorSeed);
    }

    /** The line sensor's reading now (what {@link Sensors#linePressureBar()} reads), bar. */
    public double lineSensorBar() {
        return pressureSensors == null ? observed.pumpOutletBar
                : pressureSensors.line(observed.pumpOutletBar, pumpRunningFraction, timeSeconds, sensorSeed);
    }

    /** The reading of the firmware's transducer, on the line or the group as the machine says, bar. */
    public double transducerSensorBar() {
        return transducerOnLine ? lineSensorBar() : groupSensorBar();
    }

    /**
     * Seeds the pressure sensors' noise: the machine's {@code noiseSeed} mixed with {@code seed}
     * (a HIL session's reset seed), so sessions reset with different seeds read different noise.
     */
    public void seedSensorNoise(long seed) {
        sensorSeed = machine.parameters().sensors().noiseSeed() ^ PressureSensorModel.mix(seed);
    }

    // ---- observables ----

    public double timeSeconds() {
        return timeSeconds;
    }

    public Machine machine() {
        return machine;
    }

    /** What closes the group now (the blind basket, a puck, an open screen). */
    public BasketParameters basket() {
        return basket;
    }

    public BrewCircuit circuit() {
        return circuit;
    }

    /** Group chamber gauge pressure, bar. */
    public double groupPressureBar() {
        return observed.groupBar;
    }

    /**
     * Pump outlet gauge pressure, bar.
     *
     * @deprecated the pump–boiler line's pressure: {@link #linePressureBar()} (the same value)
     */
    @Deprecated
    public double pumpPressureBar() {
        return observed.pumpOutletBar;
    }

    /** Net flow into the group over the last step, ml/s. */
    public double groupInflowMlPerS() {
        return observed.inflowMlPerS;
    }

    /** Flow drawn from the tank by the pump over the last step, ml/s. */
    public double pumpFlowMlPerS() {
        return observed.pumpFlowMlPerS;
    }

    /** Flow returned to the tank by the OPV over the last step, ml/s. */
    public double reliefFlowMlPerS() {
        return observed.pumpFlowMlPerS - observed.inflowMlPerS - observed.lineGainMlPerS;
    }

    /**
     * Water leaving through the exhaust to the drip tray over the last step (driven by the group's
     * pressure, or draining by gravity from a released group), ml/s.
     */
    public double exhaustWaterFlowMlPerS() {
        return observed.exhaustWaterMlPerS + observed.drainMlPerS;
    }

    /**
     * Air leaving through the exhaust over the last step, net of the air drawn back in as a
     * released group drains (negative then), ml at 1 atm per second.
     */
    public double exhaustAirFlowAtmMlPerS() {
        return observed.exhaustAirAtmMlPerS - observed.drainMlPerS;
    }

    /** Flow through the basket to the cup over the last step, ml/s. */
    public double cupFlowMlPerS() {
        return observed.cupFlowMlPerS;
    }

    /** Pressure at the top of the puck, below the group pressure by a fouled screen's drop, bar. */
    public double puckPressureBar() {
        return circuit.puckPressureBar(observed.groupBar, observed.cupFlowMlPerS);
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
        return valve.energised();
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

    /** Heating element temperature, °C. */
    public double elementTemperatureC() {
        return state[StateLayout.ELEMENT_C];
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

    /**
     * Water held in the machine's brew path, ml: the group chamber and the pump–boiler line's
     * stretch and the water a puck has absorbed, less what the chamber's water grew by warming (so the ledger compares like volumes:
     * what came from the tank with what is held, as it came).
     */
    public double heldWaterMl() {
        return state[StateLayout.GROUP_WATER_ML] + state[StateLayout.LINE_WATER_ML]
                + state[StateLayout.PUCK_WATER_ML] - state[StateLayout.THERMAL_EXPANSION_ML];
    }

    /** Temperature of the water standing in the group chamber, °C. */
    public double chamberWaterC() {
        return state[StateLayout.CHAMBER_WATER_C];
    }

    /**
     * Pressure in the pump–boiler line (where hobby mods put the transducer), bar: the plant's, as
     * the {@code line_bar} signal; the line sensor's reading is {@link #lineSensorBar()}.
     */
    public double linePressureBar() {
        return observed.pumpOutletBar;
    }

    /** The water ledger so far, the held water counted from {@code initialHeldWaterMl} ({@link #heldWaterMl}). */
    public WaterBalance waterBalance(double initialHeldWaterMl) {
        return new WaterBalance(state[StateLayout.FROM_TANK_ML], state[StateLayout.RETURNED_TO_TANK_ML],
                state[StateLayout.TO_DRIP_TRAY_ML], state[StateLayout.TO_CUP_ML],
                heldWaterMl() - initialHeldWaterMl);
    }

    @Override
    public String toString() {
        return "Plant[" + machine.name() + ", t=" + timeSeconds + " s, p=" + observed.groupBar + " bar, state="
                + Arrays.toString(state) + "]";
    }
}
