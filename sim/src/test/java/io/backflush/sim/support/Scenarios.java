package io.backflush.sim.support;

import io.backflush.core.cleaning.Site;
import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.OrificeParameters;
import io.backflush.core.hydraulics.PumpParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.hydraulics.RotaryPumpParameters;
import io.backflush.core.hydraulics.ThreeWayValveParameters;
import io.backflush.core.hydraulics.VibratoryPumpParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.ActuatorSchedule;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.control.BackflushController;
import io.backflush.sim.control.BoilerThermostat;
import io.backflush.sim.control.Controller;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import io.backflush.sim.run.BackflushRun;
import io.backflush.sim.run.CycleDetector;
import io.backflush.sim.run.RunResult;
import io.backflush.sim.run.Simulation;
import io.backflush.sim.run.TickObserver;
import io.backflush.sim.run.WaterReport;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

/**
 * Generators for the property tests: machines (a preset with a three-way valve, its pump,
 * over-pressure valve, orifices, valve and chamber varied over what the parameter records allow
 * and the published ranges), backflush programs, and the conditions a program runs in (pump duty,
 * basket, water already in the chamber, residue, plant faults).
 *
 * <p>The edges drawn on purpose: vibratory pumps without an OPV (relief at the pump's stall
 * pressure), rotary pumps, 60 Hz mains; chambers with all their air in the headspace or all in the
 * basket, and chambers full of water (no air at all); compliance from the stiffest to the softest
 * the record allows; no gicleur or a narrow one; a valve that switches at once; pump duty below 1
 * (pulse skipping; on a rotary pump below 0.5 it does not run at all); a puck instead of the blind
 * basket; fouled sites up to their capacities (a narrowed exhaust, a screen resistance, a leaking
 * seat); plant faults ({@link Plant#setFaults}).
 */
public final class Scenarios {
    private Scenarios() {
    }

    private static final List<MachineParameters> THREE_WAY = Presets.all().values().stream()
            .filter(MachineParameters::hasThreeWayValve).toList();

    /** Residue per site, mg, half fresh and half aged. */
    public record Fouling(double screenMg, double passageMg, double valveMg) {
        public static final Fouling CLEAN = new Fouling(0, 0, 0);

        boolean clean() {
            return screenMg == 0 && passageMg == 0 && valveMg == 0;
        }

        void applyTo(Plant plant) {
            plant.cleaning().setResidue(Site.SCREEN, screenMg / 2, screenMg / 2);
            plant.cleaning().setResidue(Site.PASSAGE, passageMg / 2, passageMg / 2);
            plant.cleaning().setResidue(Site.VALVE, valveMg / 2, valveMg / 2);
        }
    }

    /** The arguments of {@link Plant#setFaults}; healthy is (1, 1, 0). */
    public record Faults(double pumpDeliveryFactor, double exhaustFactor, double seatLeakCoefficient) {
        public static final Faults HEALTHY = new Faults(1, 1, 0);

        boolean healthy() {
            return equals(HEALTHY);
        }
    }

    /**
     * A machine, a program and how it is run.
     *
     * @param pumpDuty            duty the program's pump-on commands use (1 in the built-in programs)
     * @param basket              what closes the group
     * @param initialWaterFraction fraction of the chamber's free volume full of water at the start
     *                            (1: no air at all)
     */
    public record Scenario(MachineParameters parameters, BackflushProgram program, double pumpDuty,
                           BasketParameters basket, double initialWaterFraction, Fouling fouling, Faults faults) {

        /** Whether the Commons Math reference models it: it has no residue effects and no plant faults. */
        public boolean referenceModels() {
            return fouling.clean() && faults.healthy();
        }

        /** Whether the pump strokes on some mains cycles only (a vibratory pump below duty 1). */
        public boolean pulseSkipping() {
            return parameters.pump() instanceof VibratoryPumpParameters && pumpDuty < 1.0;
        }

        public InitialConditions initial() {
            return new InitialConditions(initialWaterFraction * parameters.chamber().freeVolumeMl(), 93.0, 88.0);
        }

        /** The plant as the scenario starts it. */
        public Plant plant() {
            Plant plant = new Plant(Machine.of(parameters), basket, initial());
            fouling.applyTo(plant);
            plant.setFaults(faults.pumpDeliveryFactor(), faults.exhaustFactor(), faults.seatLeakCoefficient());
            return plant;
        }

        /**
         * Runs the program as {@code backflush run} does (the built-in controller with its
         * thermostat, the cycle detector, fixed steps), with the scenario's duty, basket, start
         * and plant, and reports it the same way.
         */
        public RunResult run(double dtSeconds, List<? extends TickObserver> observers) {
            Plant plant = plant();
            double startWaterMl = plant.heldWaterMl();
            Map<String, Double> before = residue(plant);
            BackflushController program = new BackflushController(this.program, new BoilerThermostat(BackflushRun.SETPOINT_C, 1.0));
            Controller controller = (sensors, actuators) -> {
                program.control(sensors, actuators);
                if (actuators.pumpDuty() > 0) {
                    actuators.pumpDuty(pumpDuty);
                }
            };
            CycleDetector detector = new CycleDetector(plant, t -> "water");
            Simulation simulation = new Simulation(plant, controller, dtSeconds).observe(detector);
            observers.forEach(simulation::observe);
            simulation.runUntil(this.program.durationSeconds());
            detector.finish(plant);
            return new RunResult(parameters.name(), this.program.name(), plant.stepperKind().label(), dtSeconds,
                    simulation.ticks() * dtSeconds,
                    detector.cycles(), WaterReport.of(plant.waterBalance(startWaterMl)), 0.0, before, residue(plant),
                    plant.cleaning().detergentLeftMg(), false);
        }

        /** The program's commands as a schedule for the reference integrator. */
        public ActuatorSchedule schedule() {
            List<ActuatorSchedule.Command> commands = new ArrayList<>();
            double t = 0;
            for (Phase phase : program.phases()) {
                for (int i = 0; i < phase.cycles(); i++) {
                    commands.add(new ActuatorSchedule.Command(t, pumpDuty, true, 0.0));
                    commands.add(new ActuatorSchedule.Command(t + phase.pumpOnSeconds(), 0.0, false, 0.0));
                    t += phase.pumpOnSeconds() + phase.releaseSeconds();
                }
            }
            return new ActuatorSchedule(commands);
        }

        @Override
        public String toString() {
            MachineParameters p = parameters;
            return String.format(Locale.ROOT, "%s pump=%s opv=%s gicleur=%s inlet=%s valve=%s chamber=%s | %s | duty=%s "
                            + "basket=%s water=%s fouling=%s faults=%s", p.name(), p.pump(), p.overPressureValve(),
                    p.gicleur(), p.groupInlet(), p.threeWayValve(), p.chamber(), program.phases(), pumpDuty, basket,
                    initialWaterFraction, fouling, faults);
        }
    }

    private static Map<String, Double> residue(Plant plant) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Site site : Site.values()) {
            map.put(site.label(), plant.cleaning().residueMg(site));
        }
        return map;
    }

    private static Gen<Double> oneOf(double... values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return Generate.pick(list);
    }

    /** Mostly the typical value, sometimes one of the edges, sometimes anything in between. */
    private static Gen<Double> edges(double typicalLow, double typicalHigh, double... edges) {
        return doubles().between(typicalLow, typicalHigh).mix(oneOf(edges), 30);
    }

    /** The pump: vibratory (50 or 60 Hz mains, with an OPV or none) or rotary with its bypass. */
    private static Gen<PumpAndOpv> pumps() {
        Gen<PumpAndOpv> vibratory = oneOf(50.0, 60.0).zip(oneOf(50.0, 60.0), doubles().between(8.0, 13.0),
                integers().between(0, 3), (measuredHz, mainsHz, opvBar, noOpv) -> new PumpAndOpv(
                        new VibratoryPumpParameters(VibratoryPumpParameters.ulkaE5().curve(), measuredHz, mainsHz),
                        noOpv == 0 ? null : new ReliefValveParameters(opvBar, 40.0)));
        Gen<PumpAndOpv> rotary = doubles().between(12.0, 40.0).zip(doubles().between(8.0, 11.0),
                doubles().between(50.0, 400.0), (flow, bypass, gain) -> new PumpAndOpv(
                        new RotaryPumpParameters(flow, bypass, gain), null));
        return vibratory.mix(rotary, 35);
    }

    private record PumpAndOpv(PumpParameters pump, ReliefValveParameters opv) {
    }

    private static Gen<OrificeParameters> orifices(double lowMm, double highMm) {
        return doubles().between(lowMm, highMm).zip(doubles().between(0.6, 0.7), OrificeParameters::new);
    }

    /**
     * A preset with a three-way valve, varied: pump and OPV, gicleur (none, or 0.5–1.0 mm), group
     * inlet (0.8–2 mm), exhaust (1–2 mm) and valve response (0–50 ms, 0 drawn on purpose); the
     * chamber's volume (20–80 ml, and the record's ends 1 and 1000 ml), compliance (published
     * 0.15–1.4 ml/bar, and the record's ends 0.01 and 20) and headspace fraction (0.1–0.9, and 0
     * and 1), each end drawn on purpose.
     */
    public static Gen<MachineParameters> machines() {
        Gen<GroupChamberParameters> chambers = edges(20.0, 80.0, 1.0, 1000.0)
                .zip(edges(0.15, 1.4, 0.01, 20.0), edges(0.1, 0.9, 0.0, 1.0), GroupChamberParameters::new);
        Gen<OrificeParameters> gicleurs = orifices(0.5, 1.0).mix(Generate.constant((OrificeParameters) null), 30);
        Gen<ThreeWayValveParameters> valves = orifices(1.0, 2.0).zip(edges(0.01, 0.03, 0.0, 0.05),
                ThreeWayValveParameters::new);
        Gen<MachineParameters> hydraulics = integers().between(0, THREE_WAY.size() - 1)
                .zip(pumps(), gicleurs, orifices(0.8, 2.0), (i, pump, gicleur, inlet) -> {
                    MachineParameters b = THREE_WAY.get(i);
                    return new MachineParameters(b.name(), b.description(), pump.pump(), pump.opv(), gicleur, inlet,
                            b.threeWayValve(), b.chamber(), b.boiler(), b.groupHead(), b.sensors(), b.environment());
                });
        return hydraulics.zip(valves, chambers, (b, valve, chamber) -> new MachineParameters(b.name(), b.description(),
                        b.pump(), b.overPressureValve(), b.gicleur(), b.groupInlet(), valve, chamber, b.boiler(),
                        b.groupHead(), b.sensors(), b.environment()))
                .assuming(Scenarios::buildable)
                .describedAs(m -> m.name() + " pump=" + m.pump() + " opv=" + m.overPressureValve() + " gicleur="
                        + m.gicleur() + " inlet=" + m.groupInlet() + " valve=" + m.threeWayValve() + " chamber=" + m.chamber());
    }

    /** An OPV set at or above the pump's stall pressure is refused by {@link Machine#of}. */
    private static boolean buildable(MachineParameters p) {
        try {
            Machine.of(p);
            return true;
        } catch (io.backflush.core.param.InvalidParameterException e) {
            return false;
        }
    }

    /**
     * A preset with a three-way valve, its chamber and OPV varied within the published ranges only
     * (chamber 30–70 ml, compliance 0.15–1.4 ml/bar, headspace 0.1–0.9, OPV 8–12 bar): where the fixed
     * stepper at 1 ms must agree with the reference. The edges {@link #scenarios} reaches (a 1 ml
     * chamber with no air at 0.01 ml/bar) are beyond 1 ms agreement and take the reference minutes.
     */
    public static Gen<MachineParameters> realisticMachines() {
        Gen<GroupChamberParameters> chambers = doubles().between(30.0, 70.0)
                .zip(doubles().between(0.15, 1.4), doubles().between(0.1, 0.9), GroupChamberParameters::new);
        return integers().between(0, THREE_WAY.size() - 1)
                .zip(chambers, doubles().between(8.0, 12.0), (i, chamber, opvBar) -> {
                    MachineParameters base = THREE_WAY.get(i);
                    MachineParameters varied = base.withChamber(chamber);
                    if (base.overPressureValve() != null) {
                        varied = varied.withOverPressureValve(
                                new ReliefValveParameters(opvBar, base.overPressureValve().gainMlPerSBar()));
                    }
                    return varied;
                })
                .describedAs(m -> m.name() + " chamber=" + m.chamber() + " opv=" + m.overPressureValve());
    }

    /** One to three phases of one to three cycles, 2–15 s pump on, 1–12 s release. */
    public static Gen<BackflushProgram> programs() {
        Gen<Phase> phases = integers().between(0, 2)
                .zip(integers().between(1, 3), doubles().between(2.0, 15.0), doubles().between(1.0, 12.0),
                        (kind, cycles, on, release) -> new Phase(PhaseKind.values()[kind], cycles,
                                Math.round(on * 1000) / 1000.0, Math.round(release * 1000) / 1000.0));
        return phases.zip(phases, integers().between(1, 2),
                        (a, b, n) -> new BackflushProgram("generated", n == 1 ? List.of(a) : List.of(a, b)))
                .describedAs(p -> p.phases().toString());
    }

    /** Residue up to each site's capacity (screen 400, passage 150, valve 100 mg). */
    private static Gen<Fouling> foulings() {
        Gen<Fouling> fouled = doubles().between(0.0, 400.0).zip(doubles().between(0.0, 150.0),
                doubles().between(0.0, 100.0), Fouling::new);
        return Generate.constant(Fouling.CLEAN).mix(fouled, 50);
    }

    private static Gen<Faults> faults() {
        Gen<Faults> faulty = edges(0.3, 1.0, 0.0).zip(edges(0.1, 1.0, 0.05), doubles().between(0.0, 3.0), Faults::new);
        return Generate.constant(Faults.HEALTHY).mix(faulty, 40);
    }

    /** Pump duty: mostly 1 (the built-in programs), else 0.05–1 (a rotary pump runs at ≥ 0.5 only). */
    private static Gen<Double> duties() {
        return Generate.constant(1.0).mix(doubles().between(0.05, 1.0), 40);
    }

    /** Mostly the blind basket, sometimes a puck (R 1–6 bar·s²/ml², typical 2.25). */
    private static Gen<BasketParameters> baskets() {
        Gen<BasketParameters> pucks = doubles().between(1.0, 6.0).map(BasketParameters.Puck::new);
        return Generate.constant(BasketParameters.blind()).mix(pucks, 30);
    }

    /** Mostly a dry chamber, else partly or completely full of water (no air at all). */
    private static Gen<Double> initialWater() {
        return Generate.constant(0.0).mix(doubles().between(0.0, 1.0).mix(Generate.constant(1.0), 50), 35);
    }

    /**
     * Scenarios over every generator above; {@code plantEffects}: also draw residue and plant
     * faults, which the Commons Math reference does not model.
     */
    public static Gen<Scenario> scenarios(boolean plantEffects) {
        Gen<Fouling> fouling = plantEffects ? foulings() : Generate.constant(Fouling.CLEAN);
        Gen<Faults> faults = plantEffects ? faults() : Generate.constant(Faults.HEALTHY);
        Gen<Scenario> hydraulic = machines().zip(programs(), duties(), baskets(), initialWater(),
                (m, p, duty, basket, water) -> new Scenario(m, p, duty, basket, water, Fouling.CLEAN, Faults.HEALTHY));
        return hydraulic.zip(fouling, faults, (s, f, x) -> new Scenario(s.parameters(), s.program(), s.pumpDuty(),
                s.basket(), s.initialWaterFraction(), f, x)).describedAs(Scenario::toString);
    }
}
