package io.backflush.core.plant;

/** Which numerical method advances a {@link Plant}; both integrate the same {@link BrewCircuit} equations. */
public enum StepperKind {
    /**
     * The product's stepper: backward Euler on the hydraulics solved exactly for the end-of-step
     * pressure, the tabulated supply characteristic, discrete switches applied at step starts.
     * About 100 ns a step, allocation-free.
     */
    FIXED,
    /**
     * The reference: Commons Math's adaptive Dormand–Prince 8(5,3) at tight tolerances, the exact
     * supply solution, every switch (valve, pump strokes, headspace running out) placed exactly
     * inside a step. Thousands of times slower; for checking the fixed stepper on a machine.
     */
    REFERENCE;

    /** The name used on the command line: {@code fixed} or {@code reference}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
