package io.backflush.core.hydraulics;

import io.backflush.core.param.Require;

/**
 * The pump–boiler line: the water between the pump's check valve and the three-way valve's inlet
 * port (the hose, a flooded boiler or heat exchanger, fittings). With the valve released the check
 * valve and the valve's shut inlet trap its pressure: it falls only through the OPV above its
 * cracking pressure, a small leak, or the valve's next opening. Where a hobby mod puts its pressure
 * transducer (a T after the pump), firmware reads this pressure.
 *
 * @param complianceMlPerBar water the line takes up per bar of pressure (shell and hoses stretching,
 *                           water compressing), ml/bar. Estimate: "a fraction of a ml per bar" for
 *                           a flooded boiler's shell, hoses and fittings (reference data, [E]);
 *                           {@value #DEFAULT_COMPLIANCE_ML_PER_BAR}
 * @param leakMlPerSBar      trapped water seeping back to the tank past the pump's check valve and
 *                           the OPV's seat, per bar, ml/s/bar. Estimate:
 *                           {@value #DEFAULT_LEAK_ML_PER_S_BAR}, so a line trapped at 9 bar loses
 *                           about a bar in 2 s at first, e-folding in 20 s (firmware ships a "releasing pressure" routine)
 */
public record LineParameters(double complianceMlPerBar, double leakMlPerSBar) {
    /** Default line compliance, ml/bar (estimate). */
    public static final double DEFAULT_COMPLIANCE_ML_PER_BAR = 0.1;
    /** Default leak, ml/s/bar (estimate). */
    public static final double DEFAULT_LEAK_ML_PER_S_BAR = 0.005;

    public LineParameters {
        Require.inRange(complianceMlPerBar, 0.001, 100.0, "complianceMlPerBar");
        Require.inRange(leakMlPerSBar, 0.0, 100.0, "leakMlPerSBar");
    }

    /** The estimates above. */
    public static LineParameters defaults() {
        return new LineParameters(DEFAULT_COMPLIANCE_ML_PER_BAR, DEFAULT_LEAK_ML_PER_S_BAR);
    }
}
