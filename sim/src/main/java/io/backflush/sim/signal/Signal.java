package io.backflush.sim.signal;

import io.backflush.core.cleaning.Site;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.StateLayout;

import java.util.function.ToDoubleFunction;

/**
 * The plant's signals: each has one name (a CSV column, its unit as a suffix), one unit, what it
 * means and how it is read from a {@link Plant}'s public accessors after a step. The run trace
 * ({@code run --csv}), the HIL trace ({@code serve --trace}) and the charts' recorder all use it;
 * {@code docs/signals.md} is the data dictionary (a test keeps the two in step). The order is the
 * column order of both trace files.
 */
public enum Signal {
    TIME_S("time_s", "s", Form.LEVEL, "simulated time at the end of the step, from the start of the run"
            + " (HIL: from the last reset)", Plant::timeSeconds),
    GROUP_BAR("group_bar", "bar", Form.LEVEL, "group chamber gauge pressure", Plant::groupPressureBar),
    LINE_BAR("line_bar", "bar", Form.LEVEL, "pump–boiler line (pump outlet) gauge pressure; trapped while the"
            + " valve is released", Plant::linePressureBar),
    PUCK_BAR("puck_bar", "bar", Form.LEVEL, "pressure at the top of the puck: the group pressure less a fouled"
            + " screen's drop", Plant::puckPressureBar),
    GROUP_INFLOW_ML_PER_S("group_inflow_ml_per_s", "ml/s", Form.RATE, "net flow into the group chamber",
            Plant::groupInflowMlPerS),
    PUMP_FLOW_ML_PER_S("pump_flow_ml_per_s", "ml/s", Form.RATE, "flow drawn from the tank by the pump",
            Plant::pumpFlowMlPerS),
    RELIEF_FLOW_ML_PER_S("relief_flow_ml_per_s", "ml/s", Form.RATE, "flow returned to the tank by the OPV",
            Plant::reliefFlowMlPerS),
    EXHAUST_WATER_ML_PER_S("exhaust_water_ml_per_s", "ml/s", Form.RATE, "water out of the three-way valve's"
            + " exhaust to the drip tray (a leaking seat included)", Plant::exhaustWaterFlowMlPerS),
    EXHAUST_AIR_ATM_ML_PER_S("exhaust_air_atm_ml_per_s", "ml at 1 atm/s", Form.RATE, "air out of the exhaust",
            Plant::exhaustAirFlowAtmMlPerS),
    CUP_FLOW_ML_PER_S("cup_flow_ml_per_s", "ml/s", Form.RATE, "flow through the basket to the cup (0 with a blind"
            + " basket)", Plant::cupFlowMlPerS),
    GROUP_WATER_ML("group_water_ml", "ml", Form.LEVEL, "water in the group chamber", Plant::groupWaterMl),
    TRAPPED_AIR_ATM_ML("trapped_air_atm_ml", "ml at 1 atm", Form.LEVEL, "air trapped in the group: headspace and"
            + " basket", Plant::trappedAirAtmMl),
    SOLENOID_COMMAND("solenoid_command", "0/1", Form.FLAG, "solenoid commanded energised during the step (HIL:"
            + " after actuator faults)", p -> p.actuators().solenoidEnergised() ? 1.0 : 0.0),
    VALVE_ENERGISED("valve_energised", "0/1", Form.FLAG, "three-way valve energised (pump to group), after its"
            + " dead time", p -> p.valveEnergised() ? 1.0 : 0.0),
    PUMP_DUTY("pump_duty", "0..1", Form.LEVEL, "pump duty commanded during the step (HIL: after actuator faults)",
            p -> p.actuators().pumpDuty()),
    HEATER_DUTY("heater_duty", "0..1", Form.LEVEL, "heater duty commanded during the step (HIL: after SSR windows"
            + " and actuator faults)", p -> p.actuators().heaterDuty()),
    BOILER_C("boiler_c", "°C", Form.LEVEL, "boiler water temperature", Plant::boilerTemperatureC),
    GROUP_METAL_C("group_metal_c", "°C", Form.LEVEL, "group head metal temperature", Plant::groupTemperatureC),
    BOILER_SENSOR_C("boiler_sensor_c", "°C", Form.LEVEL, "boiler probe reading (lagging the water)",
            Plant::boilerSensorC),
    GROUP_SENSOR_C("group_sensor_c", "°C", Form.LEVEL, "group probe reading (lagging the metal)",
            Plant::groupSensorC),
    DRIP_TRAY_ML("drip_tray_ml", "ml", Form.LEVEL, "water sent to the drip tray since the start (exhaust, and a"
            + " basket emptied by hand)", p -> p.state(StateLayout.TO_DRIP_TRAY_ML)),
    FROM_TANK_ML("from_tank_ml", "ml", Form.LEVEL, "water drawn from the tank by the pump since the start (what"
            + " the flow meter counts)", p -> p.state(StateLayout.FROM_TANK_ML)),
    RETURNED_TO_TANK_ML("returned_to_tank_ml", "ml", Form.LEVEL, "water returned to the tank by the OPV since the"
            + " start", p -> p.state(StateLayout.RETURNED_TO_TANK_ML)),
    TO_CUP_ML("to_cup_ml", "ml", Form.LEVEL, "water through the basket to the cup since the start",
            p -> p.state(StateLayout.TO_CUP_ML)),
    PUMP_RUNNING_FRACTION("pump_running_fraction", "0..1", Form.RATE, "fraction of the step the pump stroked or"
            + " ran", Plant::pumpRunningFraction),
    SCREEN_RESIDUE_MG("screen_residue_mg", "mg", Form.LEVEL, "coffee residue at the shower screen",
            p -> p.cleaning().residueMg(Site.SCREEN)),
    PASSAGE_RESIDUE_MG("passage_residue_mg", "mg", Form.LEVEL, "coffee residue in the passage to the valve",
            p -> p.cleaning().residueMg(Site.PASSAGE)),
    VALVE_RESIDUE_MG("valve_residue_mg", "mg", Form.LEVEL, "coffee residue in the three-way valve",
            p -> p.cleaning().residueMg(Site.VALVE)),
    REMOVED_RESIDUE_MG("removed_residue_mg", "mg", Form.LEVEL, "residue removed to the drip tray since the start",
            p -> p.cleaning().totalRemovedMg()),
    DETERGENT_MG_PER_ML("detergent_mg_per_ml", "mg/ml", Form.LEVEL, "dissolved detergent per ml of chamber water"
            + " (0 while the chamber holds under 1 ml)", Signal::detergentConcentration),
    DETERGENT_LEFT_MG("detergent_left_mg", "mg", Form.LEVEL, "detergent still in the brew path: undissolved,"
            + " dissolved and adsorbed", p -> p.cleaning().detergentLeftMg());

    /** How a signal is read and written. */
    public enum Form {
        /** A value at the end of the step. */
        LEVEL,
        /** A rate over the step (a flow or a fraction of it); a decimated trace averages it over its interval. */
        RATE,
        /** On or off, written 1 or 0. */
        FLAG
    }

    private static final Signal[] ALL = values();

    private final String column;
    private final String unit;
    private final Form form;
    private final String meaning;
    private final ToDoubleFunction<Plant> reader;

    Signal(String column, String unit, Form form, String meaning, ToDoubleFunction<Plant> reader) {
        this.column = column;
        this.unit = unit;
        this.form = form;
        this.meaning = meaning;
        this.reader = reader;
    }

    private static double detergentConcentration(Plant p) {
        double water = p.groupWaterMl();
        return water > 1.0 ? p.cleaning().dissolvedDetergentMg() / water : 0.0;
    }

    /** The CSV column name: lower snake case, ending in the unit where there is one. */
    public String column() {
        return column;
    }

    public String unit() {
        return unit;
    }

    public Form form() {
        return form;
    }

    /** What it is, in a few words (the data dictionary's "meaning"). */
    public String meaning() {
        return meaning;
    }

    /** The value in the plant after its last step (time: the plant's own clock). */
    public double read(Plant plant) {
        return reader.applyAsDouble(plant);
    }

    /** Every signal's column, comma-separated, in order: the shared part of both trace headers. */
    public static String csvHeader() {
        StringBuilder s = new StringBuilder();
        for (Signal signal : ALL) {
            s.append(s.length() == 0 ? "" : ",").append(signal.column);
        }
        return s.toString();
    }

    /**
     * Appends every signal's value, comma-separated, in order (no newline): the shared part of both
     * traces' rows. Time is counted from {@code originSeconds}; flags are written 1 or 0, numbers in
     * Java's shortest round-trip form. Allocates nothing.
     */
    public static void appendCsv(StringBuilder row, Plant plant, double originSeconds) {
        for (int i = 0; i < ALL.length; i++) {
            Signal s = ALL[i];
            if (i > 0) {
                row.append(',');
            }
            if (s.form == Form.FLAG) {
                row.append(s.read(plant) != 0 ? '1' : '0');
            } else if (s == TIME_S) {
                row.append(Numbers.shortest(plant.timeSeconds() - originSeconds));
            } else {
                row.append(Numbers.shortest(s.read(plant)));
            }
        }
    }
}
