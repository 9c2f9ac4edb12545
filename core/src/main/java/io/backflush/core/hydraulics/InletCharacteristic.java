package io.backflush.core.hydraulics;

/**
 * The supply side of the group, reduced to a function of group pressure: pump, over-pressure
 * valve and the inlet path (gicleur and the valve's inlet port in series) joined at the pump
 * outlet node, in steady state (nothing stored in the node). For each group pressure p the node
 * pressure x solves
 *
 * <pre>
 *   Q_pump(x) − Q_opv(x) = Q_path(x − p)       (pump running)
 *            − Q_opv(x) = Q_path(x − p)        (pump stopped: only back-flow through the OPV)
 * </pre>
 *
 * <p>Every term is monotone in x, so the root is unique; {@link #solveNode} finds it by bisection,
 * and a table sampled every {@link #STEP_BAR} bar and interpolated linearly (computed once per
 * machine) gives it fast; tests check the table against the exact solution. This is the supply's
 * steady state: the steppers carry the node's pressure as the pump–boiler line's state (it has the
 * line's compliance), which settles here whenever the group pressure holds still. The table spans 0 bar to 5 bar above the higher of
 * the pump's zero-flow pressure and the OPV's cracking pressure; below 0 bar the first cell and
 * above the span the last cell is extended linearly (a cruder approximation, for pressures a
 * working circuit does not reach).
 */
public final class InletCharacteristic {
    /**
     * Table spacing, bar. Linear interpolation is least accurate just below the dead-head
     * pressure, where the net flow behaves like k·sqrt(p_dead − p); with a stiff relief (the
     * rotary pump's bypass, 200 ml/s/bar) 0.005 bar left errors of 0.037 ml/s there. At 0.0025 the
     * largest error over 0..relief+2 bar is 0.012 ml/s (rotary preset), 0.004 ml/s (single
     * boiler); {@code InletCharacteristicTest} holds it below 0.02 ml/s.
     */
    public static final double STEP_BAR = 0.0025;

    private final PumpModel pump;
    private final ReliefValveParameters opv;
    private final double pathCoefficient;
    private final double maxBar;
    private final double invStep;
    private final int last;
    // running: [net, pump, node] interleaved; stopped: [net, node]
    private final double[] running;
    private final double[] stopped;
    // the pump's curve on the same grid, from 0 bar to the first grid point past its stall: value
    // at each point, slope of the cell that starts there
    private final double[] pumpFlowGrid;
    private final double[] pumpSlopeGrid;
    private final double pumpGridTopBar;
    private final double deadheadNodeBar;
    private final double deadheadPumpFlowMlPerS;

    /**
     * @param pump            the pump
     * @param opv             the over-pressure valve, or null
     * @param pathCoefficient k of the inlet path, ml/s per sqrt(bar)
     */
    public InletCharacteristic(PumpModel pump, ReliefValveParameters opv, double pathCoefficient) {
        this.pump = pump;
        this.opv = opv;
        this.pathCoefficient = pathCoefficient;
        double top = pump.zeroFlowPressureBar();
        if (opv != null) {
            top = Math.max(top, opv.crackingPressureBar());
        }
        this.maxBar = top + 5.0;
        this.invStep = 1.0 / STEP_BAR;
        int n = (int) Math.ceil(maxBar * invStep) + 1;
        this.last = n - 1;
        this.running = new double[3 * n];
        this.stopped = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double p = i * STEP_BAR;
            double x = solveNode(p, true);
            double q = pump.flowMlPerS(x);
            running[3 * i] = Fluids.smoothSqrtFlow(pathCoefficient, x - p);
            running[3 * i + 1] = q;
            running[3 * i + 2] = x;
            double xs = solveNode(p, false);
            stopped[2 * i] = Fluids.smoothSqrtFlow(pathCoefficient, xs - p);
            stopped[2 * i + 1] = xs;
        }
        int cells = (int) Math.ceil(pump.zeroFlowPressureBar() * invStep) + 1;
        this.pumpGridTopBar = cells * STEP_BAR;
        this.pumpFlowGrid = new double[cells + 1];
        this.pumpSlopeGrid = new double[cells + 1]; // the last, 0, for a pressure rounding onto the top point
        for (int i = 0; i <= cells; i++) {
            pumpFlowGrid[i] = pump.flowMlPerS(i * STEP_BAR);
        }
        for (int i = 0; i < cells; i++) {
            pumpSlopeGrid[i] = (pumpFlowGrid[i + 1] - pumpFlowGrid[i]) * invStep;
        }
        // Pump running against a closed inlet: node where pump flow equals relief flow.
        double lo = 0;
        double hi = maxBar;
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (lo + hi);
            if (pump.flowMlPerS(mid) - reliefFlow(mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        this.deadheadNodeBar = 0.5 * (lo + hi);
        this.deadheadPumpFlowMlPerS = pump.flowMlPerS(deadheadNodeBar);
    }

    private double reliefFlow(double nodeBar) {
        return opv == null ? 0.0 : opv.flowMlPerS(nodeBar);
    }

    /** Exact pump-outlet node pressure for the given group pressure, bar (bisection to 1e-12). */
    public double solveNode(double groupBar, boolean pumpRunning) {
        if ((pumpRunning ? pump.flowMlPerS(groupBar) : 0.0) - reliefFlow(groupBar) == 0.0) {
            return groupBar; // nothing flows (a stopped pump below the OPV's setting): exact
        }
        double lo = Math.min(groupBar, 0.0) - 1.0;
        double hi = Math.max(groupBar, maxBar) + 1.0;
        for (int it = 0; it < 200 && hi - lo > 1e-12; it++) {
            double x = 0.5 * (lo + hi);
            double supply = (pumpRunning ? pump.flowMlPerS(x) : 0.0) - reliefFlow(x);
            double f = supply - Fluids.smoothSqrtFlow(pathCoefficient, x - groupBar);
            if (f > 0) {
                lo = x;
            } else {
                hi = x;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Exact net flow into the group at the given group pressure, ml/s. */
    public double exactNetFlowMlPerS(double groupBar, boolean pumpRunning) {
        double x = solveNode(groupBar, pumpRunning);
        return Fluids.smoothSqrtFlow(pathCoefficient, x - groupBar);
    }

    /** Exact pump flow (drawn from the tank) at the given group pressure, ml/s. */
    public double exactPumpFlowMlPerS(double groupBar, boolean pumpRunning) {
        return pumpRunning ? pump.flowMlPerS(solveNode(groupBar, true)) : 0.0;
    }

    /**
     * Interpolates the table into {@code out}.
     *
     * @param groupBar    group gauge pressure, bar
     * @param pumpRunning whether the pump strokes (or runs) now
     * @param inletOpen   whether the path into the group is open (three-way valve energised, or
     *                    no three-way valve)
     * @param out         receives net flow, pump flow, node pressure and the net flow's slope
     */
    public void sample(double groupBar, boolean pumpRunning, boolean inletOpen, InletSample out) {
        // Kept small (the work is in the two helpers) so that the JIT inlines it into the
        // stepper's residual: the whole method used to exceed C2's FreqInlineSize (325 bytes).
        if (!inletOpen) {
            sampleClosed(pumpRunning, out);
        } else if (pumpRunning) {
            sampleRunning(groupBar, out);
        } else {
            sampleStopped(groupBar, out);
        }
    }

    private void sampleClosed(boolean pumpRunning, InletSample out) {
        out.netFlowMlPerS = 0.0;
        out.netFlowSlopeMlPerSBar = 0.0;
        out.nodeSlopePerBar = 0.0;
        if (pumpRunning) {
            out.pumpFlowMlPerS = deadheadPumpFlowMlPerS;
            out.nodeBar = deadheadNodeBar;
        } else {
            out.pumpFlowMlPerS = 0.0;
            out.nodeBar = 0.0;
        }
    }

    /** Table cell index for the pressure: the cell [i, i+1] holding it, clamped to the table. */
    private int cell(double u) {
        if (u <= 0) {
            return 0;
        }
        if (u >= last) {
            return last - 1;
        }
        return (int) u;
    }

    private void sampleRunning(double groupBar, InletSample out) {
        double u = groupBar * invStep;
        int i = cell(u);
        double f = u - i;
        int j = 3 * i;
        double[] t = running;
        double n0 = t[j];
        double n1 = t[j + 3];
        out.netFlowMlPerS = n0 + f * (n1 - n0);
        out.netFlowSlopeMlPerSBar = (n1 - n0) * invStep;
        out.pumpFlowMlPerS = Math.max(0.0, t[j + 1] + f * (t[j + 4] - t[j + 1]));
        out.nodeBar = t[j + 2] + f * (t[j + 5] - t[j + 2]);
        out.nodeSlopePerBar = (t[j + 5] - t[j + 2]) * invStep;
    }

    private void sampleStopped(double groupBar, InletSample out) {
        double u = groupBar * invStep;
        int i = cell(u);
        double f = u - i;
        int j = 2 * i;
        double[] t = stopped;
        double n0 = t[j];
        double n1 = t[j + 2];
        out.netFlowMlPerS = n0 + f * (n1 - n0);
        out.netFlowSlopeMlPerSBar = (n1 - n0) * invStep;
        out.pumpFlowMlPerS = 0.0;
        out.nodeBar = t[j + 1] + f * (t[j + 3] - t[j + 1]);
        out.nodeSlopePerBar = (t[j + 3] - t[j + 1]) * invStep;
    }

    /**
     * The pump's flow at this outlet pressure from its curve on the table's grid ({@link #STEP_BAR}),
     * ml/s: one lookup instead of a search of the curve. The curve is piecewise linear, so the grid
     * reproduces it except in the cells that hold one of its points, where the error is at most a
     * quarter of the slope change times the spacing (below 1e-3 ml/s for the Ulka E5 curve).
     */
    public double gridPumpFlowMlPerS(double outletBar) {
        if (outletBar >= pumpGridTopBar) {
            return 0.0;
        }
        if (outletBar <= 0.0) {
            return pumpFlowGrid[0];
        }
        int i = (int) (outletBar * invStep);
        return pumpFlowGrid[i] + pumpSlopeGrid[i] * (outletBar - i * STEP_BAR);
    }

    /** d({@link #gridPumpFlowMlPerS})/d(outlet pressure), ml/s/bar (never positive). */
    public double gridPumpFlowSlope(double outletBar) {
        return outletBar >= pumpGridTopBar || outletBar <= 0.0 ? 0.0 : pumpSlopeGrid[(int) (outletBar * invStep)];
    }

    /** The highest pressure the supply side can produce (dead-headed pump against its OPV), bar. */
    public double deadheadPressureBar() {
        return deadheadNodeBar;
    }

    public PumpModel pump() {
        return pump;
    }

    public double pathCoefficient() {
        return pathCoefficient;
    }

    /** Mutable holder for {@link #sample}, reused every step so the hot path allocates nothing. */
    public static final class InletSample {
        /** Flow into the group (negative: back-flow through the OPV), ml/s. */
        public double netFlowMlPerS;
        /** d(net flow)/d(group pressure), ml/s/bar. */
        public double netFlowSlopeMlPerSBar;
        /** Flow drawn from the tank by the pump, ml/s. */
        public double pumpFlowMlPerS;
        /** Pump outlet gauge pressure, bar. */
        public double nodeBar;
        /** d(pump outlet pressure)/d(group pressure). */
        public double nodeSlopePerBar;
    }
}
