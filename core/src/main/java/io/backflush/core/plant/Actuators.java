package io.backflush.core.plant;

/**
 * What a controller commands, in engineering units. Mutable and reused every tick. Values out of
 * range are clamped when the plant reads them, so a misbehaving controller cannot put the plant in
 * an impossible state.
 */
public final class Actuators {
    private double pumpDuty;
    private boolean solenoidEnergised;
    private double heaterDuty;

    /** Fraction of mains cycles on which the pump strokes (0..1; a rotary pump runs at ≥ 0.5). */
    public double pumpDuty() {
        return pumpDuty;
    }

    public Actuators pumpDuty(double duty) {
        this.pumpDuty = clamp01(duty);
        return this;
    }

    /** Three-way valve coil: true connects pump to group, false opens the group to the exhaust. */
    public boolean solenoidEnergised() {
        return solenoidEnergised;
    }

    public Actuators solenoidEnergised(boolean energised) {
        this.solenoidEnergised = energised;
        return this;
    }

    /** Heater duty 0..1 (average power fraction; SSR windows belong to the HIL layer). */
    public double heaterDuty() {
        return heaterDuty;
    }

    public Actuators heaterDuty(double duty) {
        this.heaterDuty = clamp01(duty);
        return this;
    }

    /** Pump off, solenoid released, heater off: the machine's safe state. */
    public Actuators safeState() {
        pumpDuty = 0;
        solenoidEnergised = false;
        heaterDuty = 0;
        return this;
    }

    public void copyFrom(Actuators other) {
        this.pumpDuty = other.pumpDuty;
        this.solenoidEnergised = other.solenoidEnergised;
        this.heaterDuty = other.heaterDuty;
    }

    private static double clamp01(double v) {
        if (Double.isNaN(v)) {
            return 0.0;
        }
        return v < 0 ? 0 : Math.min(v, 1.0);
    }
}
