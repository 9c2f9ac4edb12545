// Prints the figures docs/model.md quotes that no CLI command prints.
// Run from the repository root after ./backflush has built the jar:
//   jshell --class-path sim/target/backflush.jar docs/figures.jsh
import io.backflush.core.hydraulics.*;
import io.backflush.core.machine.*;
import io.backflush.core.plant.*;
import io.backflush.sim.program.*;
import io.backflush.sim.run.*;

for (MachineParameters p : Presets.all().values()) {
    Machine m = Machine.of(p);
    System.out.printf(java.util.Locale.ROOT,
            "%-18s free flow %.2f ml/s, zero-flow %.2f bar, relief (dead-head) %.3f bar, inlet k %.2f ml/s/sqrt(bar)%n",
            p.name(), m.pump().freeFlowMlPerS(), m.pump().zeroFlowPressureBar(), m.reliefPressureBar(),
            m.inlet().pathCoefficient());
    if (p.hasThreeWayValve()) {
        // The scenario of ReferenceBehaviourTest#aTypicalPuckAtAbout9BarTakes1point5To2point5MlPerSecond.
        Plant plant = new Plant(m, BasketParameters.Puck.typical());
        plant.actuators().pumpDuty(1).solenoidEnergised(true).heaterDuty(0);
        for (int i = 0; i < 30_000; i++) plant.step(0.001);
        System.out.printf(java.util.Locale.ROOT,
                "%-18s typical puck after 30 s: %.2f bar, %.2f ml/s to the cup%n", "",
                plant.groupPressureBar(), plant.cupFlowMlPerS());
    } else {
        // What BackflushRun.simulate shows where the CLI refuses to run.
        RunResult r = BackflushRun.simulate(m, Programs.find("water-5x10").orElseThrow(), 0.001, java.util.List.of());
        CycleReport c = r.cycles().get(0);
        System.out.printf(java.util.Locale.ROOT,
                "%-18s water-5x10 (simulate, no refusal): cycle 1 quiet after %.2f s, %.2f bar at release;"
                        + " reported whoosh: peak %s ml/s, %s ml, decay %s s%n",
                "", c.quietAfterSeconds(), c.plateauBar(), c.whooshPeakFlowMlPerS(), c.whooshVolumeMl(),
                c.whooshDecaySeconds());
    }
}
/exit
