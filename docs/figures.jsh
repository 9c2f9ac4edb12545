// Prints the figures docs/model.md quotes that no CLI command prints (hydraulics, then cleaning).
// Run from the repository root after ./backflush has built the jar:
//   jshell --class-path sim/target/backflush.jar docs/figures.jsh
import io.backflush.core.hydraulics.*;
import io.backflush.core.machine.*;
import io.backflush.core.plant.*;
import io.backflush.sim.program.*;
import io.backflush.sim.run.*;
import io.backflush.core.cleaning.*;
import io.backflush.sim.control.*;
import io.backflush.sim.usage.*;

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

// ---- cleaning (the scenarios of CleaningBehaviourTest; single-boiler, 1 ms steps) ----
Machine sb = Machine.of(Presets.singleBoiler());
java.util.List<CycleReport> cyc(Plant plant, PhaseKind kind, int n) {
    BackflushProgram program = new BackflushProgram("figures", java.util.List.of(new Phase(kind, n, 10, 10)));
    BackflushController controller = new BackflushController(program, new BoilerThermostat(93, 1), plant.timeSeconds());
    CycleDetector detector = new CycleDetector(plant, t -> kind.label());
    new Simulation(plant, controller, 0.001).observe(detector).runUntil(program.durationSeconds());
    detector.finish(plant);
    return detector.cycles();
}
Plant fouledWeek() {
    MachineLife life = new MachineLife(sb, Usage.home(7, 10, Roast.MEDIUM), Strategies.find("none").orElseThrow(), 1);
    life.run();
    Plant plant = life.plant();
    plant.changeBasket(BasketParameters.blind());
    plant.cleaning().cleaningMode();
    return plant;
}
double agedTotal(Cleaning c) { double s = 0; for (Site x : Site.values()) s += c.agedMg(x); return s; }
for (Roast roast : Roast.values()) {
    MachineLife life = new MachineLife(sb, new Usage(1, 1, false, roast, 18, 7, 19), Strategies.find("none").orElseThrow(), 1);
    life.run();
    Cleaning c = life.plant().cleaning();
    System.out.printf(java.util.Locale.ROOT, "one 18 g %s shot on a clean group deposits screen %.3f, passage %.3f, valve %.3f mg; cup %.1f ml, drip %.2f ml%n",
        roast.label(), c.depositedMg(Site.SCREEN), c.depositedMg(Site.PASSAGE), c.depositedMg(Site.VALVE),
        life.plant().state(io.backflush.core.plant.StateLayout.TO_CUP_ML), life.plant().exhaustedToDripTrayMl());
}
{
    Cleaning c = fouledWeek().cleaning();
    for (Site s : Site.values()) System.out.printf(java.util.Locale.ROOT, "fouled week (7 d x 10 medium, none): %-7s fresh %.1f mg, aged %.1f mg%n", s.label(), c.freshMg(s), c.agedMg(s));
}
for (boolean soap : new boolean[] {false, true}) {
    Plant plant = fouledWeek();
    if (soap) plant.cleaning().addDetergent(3);
    Cleaning c = plant.cleaning();
    StringBuilder sb2 = new StringBuilder();
    double aged0 = agedTotal(c);
    for (int i = 0; i < (soap ? 10 : 5); i++) {
        double before = c.totalResidueMg();
        CycleReport r = cyc(plant, soap ? PhaseKind.DETERGENT : PhaseKind.WATER, 1).get(0);
        sb2.append(String.format(java.util.Locale.ROOT, " %.0f%% (%.2f)", 100 * (1 - c.totalResidueMg() / before), r.dischargeResidueMgPerMl()));
        if (i == 4) sb2.append(String.format(java.util.Locale.ROOT, " [aged removed after 5: %.1f of %.1f mg]", aged0 - agedTotal(c), aged0));
    }
    System.out.println((soap ? "3 g detergent" : "water") + " cycles on the fouled week, removed per cycle (discharge mg/ml):" + sb2);
}
int rinses(double grams) {
    Plant plant = new Plant(sb, BasketParameters.blind());
    plant.cleaning().addDetergent(grams);
    cyc(plant, PhaseKind.DETERGENT, 5);
    plant.changeBasket(BasketParameters.blind());
    int n = 0;
    while (plant.cleaning().detergentLeftMg() >= plant.cleaning().detergentParameters().tasteThresholdMg()) { cyc(plant, PhaseKind.RINSE, 1); n++; }
    return n;
}
for (double g : new double[] {1, 3, 6}) System.out.printf(java.util.Locale.ROOT, "rinses after %.0f g (5 detergent cycles, basket emptied) to below 2 mg: %d%n", g, rinses(g));
{
    Plant plant = new Plant(sb, BasketParameters.blind());
    plant.cleaning().addDetergent(3);
    cyc(plant, PhaseKind.DETERGENT, 5);
    Cleaning c = plant.cleaning();
    System.out.printf(java.util.Locale.ROOT, "3 g after 5 detergent cycles: undissolved %.1f, dissolved %.1f, adsorbed %.1f mg, to drip %.1f mg%n",
        c.undissolvedDetergentMg(), c.dissolvedDetergentMg(), c.adsorbedDetergentMg(), c.detergentToDripMg());
    plant.changeBasket(BasketParameters.blind());
    for (int i = 1; i <= 5; i++) { cyc(plant, PhaseKind.RINSE, 1);
        System.out.printf(java.util.Locale.ROOT, "  rinse %d: dissolved %.2f, adsorbed %.2f mg%n", i, c.dissolvedDetergentMg(), c.adsorbedDetergentMg()); }
}
double nextShot(int rinses) {
    Plant plant = new Plant(sb, BasketParameters.blind());
    plant.cleaning().addDetergent(3);
    cyc(plant, PhaseKind.DETERGENT, 5);
    plant.changeBasket(BasketParameters.blind());
    if (rinses > 0) cyc(plant, PhaseKind.RINSE, rinses);
    plant.changeBasket(BasketParameters.Puck.typical());
    plant.cleaning().brewing(18, Roast.MEDIUM);
    double before = plant.cleaning().detergentToCupMg();
    plant.actuators().pumpDuty(1).solenoidEnergised(true);
    while (plant.state(StateLayout.TO_CUP_ML) < 36) plant.step(0.001);
    return plant.cleaning().detergentToCupMg() - before;
}
for (int n : new int[] {0, 3, 5}) System.out.printf(java.util.Locale.ROOT, "detergent in the next 36 ml shot after 3 g and %d rinses: %.3f mg%n", n, nextShot(n));
{
    Plant clean = new Plant(sb, BasketParameters.blind());
    CycleReport c0 = cyc(clean, PhaseKind.WATER, 2).get(1);
    Plant fouled = new Plant(sb, BasketParameters.blind());
    fouled.cleaning().setResidue(Site.VALVE, 20, 60);
    Plant brewing = new Plant(sb, BasketParameters.Puck.typical());
    brewing.cleaning().setResidue(Site.VALVE, 20, 60);
    brewing.actuators().pumpDuty(1).solenoidEnergised(true);
    for (int i = 0; i < 20_000; i++) brewing.step(0.001);
    CycleReport f = cyc(fouled, PhaseKind.WATER, 2).get(1);
    fouled.changeBasket(BasketParameters.blind());
    fouled.cleaning().addDetergent(3);
    cyc(fouled, PhaseKind.DETERGENT, 6);
    fouled.changeBasket(BasketParameters.blind());
    cyc(fouled, PhaseKind.RINSE, 4);
    CycleReport a = cyc(fouled, PhaseKind.WATER, 2).get(1);
    System.out.printf(java.util.Locale.ROOT, "valve with 80 mg: seat drip while brewing %.3f ml/s (%.2f ml in 20 s), puck %.2f bar; whoosh peak/decay clean %.1f ml/s %.3f s, fouled %.1f ml/s %.3f s, after 3 g x 6 + 4 rinses %.1f ml/s %.3f s (valve %.1f mg, leak k %.4f)%n",
        brewing.exhaustWaterFlowMlPerS(), brewing.state(StateLayout.TO_DRIP_TRAY_ML), brewing.puckPressureBar(),
        c0.whooshPeakFlowMlPerS(), c0.whooshDecaySeconds(), f.whooshPeakFlowMlPerS(), f.whooshDecaySeconds(),
        a.whooshPeakFlowMlPerS(), a.whooshDecaySeconds(), fouled.cleaning().residueMg(Site.VALVE), fouled.cleaning().seatLeakCoefficient());
}
for (String s : Strategies.all().keySet()) {
    LifeResult r = new MachineLife(sb, Usage.home(30, 10, Roast.MEDIUM), Strategies.find(s).orElseThrow(), 1).run();
    double total = r.residueEndMg().values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf(java.util.Locale.ROOT, "month (30 d x 10 fixed, medium, seed 1) %-29s penalty %.3f, residue %.1f mg, drip days %d, tainted %d%n", s, r.meanCupPenalty(), total, r.dripDays(), r.taintedShots());
}
for (Roast roast : Roast.values()) for (String s : new String[] {"none", "water-daily"}) {
    LifeResult r = new MachineLife(sb, Usage.home(30, 10, roast), Strategies.find(s).orElseThrow(), 1).run();
    System.out.printf(java.util.Locale.ROOT, "month %-6s %-12s residue %.1f mg%n", roast.label(), s, r.residueEndMg().values().stream().mapToDouble(Double::doubleValue).sum());
}
{
    // The demo's first cycle as the charts draw it (TraceRecorder: flows averaged over 10 ms) against the cycle table's per-tick peak.
    io.backflush.sim.show.TraceRecorder rec = new io.backflush.sim.show.TraceRecorder();
    Plant plant = fouledWeek();
    RunResult r = BackflushRun.simulate(plant, Programs.find("detergent-5x10-rinse-5").orElseThrow(), 0.001, 3.0, java.util.List.of(rec));
    io.backflush.sim.show.Trace tr = rec.trace();
    double[] ts = tr.timeSeconds(), ex = tr.exhaustWaterMlPerS();
    double peak = 0;
    for (int i = 0; i < ts.length; i++) if (ts[i] - ts[0] < 20) peak = Math.max(peak, ex[i]);
    System.out.printf(java.util.Locale.ROOT, "demo cycle 1 whoosh peak: %.1f ml/s per tick (table), %.1f ml/s as a 10 ms average (charts)%n",
        r.cycles().get(0).whooshPeakFlowMlPerS(), peak);
}
/exit
