package io.backflush.sim.hil.server;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.machine.StartState;
import io.backflush.core.plant.Actuators;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.core.plant.Sensors;
import io.backflush.core.thermal.PressurePlace;
import io.backflush.sim.hil.fault.FaultEngine;
import io.backflush.sim.hil.fault.FaultSpec;
import io.backflush.sim.hil.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The firmware's side of the plant, in process: the commands the plant applies (the firmware's
 * latest, the safe state before any, the heater through 1 s SSR windows in raw mode, then the
 * actuator faults) and the sensor frame it reads (seq modulo 2^32, status bits for faults and raw
 * fields, the raw fields by version and transducer place), as docs/protocol.md's "Raw signals",
 * status bits and fault table give them.
 */
class FirmwarePortTest {
    static final Machine MACHINE = Machine.of(Presets.singleBoiler());
    static final double DT = 0.001;

    static Plant plant() {
        return new Plant(MACHINE, BasketParameters.blind(), InitialConditions.of(StartState.HOT));
    }

    static FaultEngine faults(Plant plant, String... specs) {
        FaultEngine f = new FaultEngine(DT, 2000, text -> { }).machineSensors(true);
        f.reset(1, List.of());
        for (String s : specs) {
            f.add(FaultSpec.parse(s));
        }
        f.readTruth(plant);
        f.fire(plant);
        return f;
    }

    static FirmwarePort port(FaultEngine f, boolean raw, int version, PressurePlace transducer) {
        return new FirmwarePort(f, raw, 50, 0.5, version, transducer);
    }

    static Sensors at(double t) {
        return new Sensors().set(t, 0, 0, true, 93, 90, 0);
    }

    @Test
    void beforeAnyFrameThePlantGetsTheSafeStateThenTheFirmwaresCommands() {
        Plant p = plant();
        FirmwarePort port = port(faults(p), false, 2, PressurePlace.LINE);
        Actuators applied = new Actuators().pumpDuty(1).heaterDuty(1).solenoidEnergised(true);
        port.control(at(0), applied);
        assertThat(applied.pumpDuty()).isZero();
        assertThat(applied.heaterDuty()).isZero();
        assertThat(applied.solenoidEnergised()).isFalse();

        port.command(new Message.ActuatorFrame(0, 0, 0.6, 0.3, true));
        port.control(at(0.5), applied);
        assertThat(applied.pumpDuty()).isEqualTo(0.6);
        assertThat(applied.heaterDuty()).as("no raw mode: the duty as sent").isEqualTo(0.3);
        assertThat(applied.solenoidEnergised()).isTrue();
        assertThat(port.commanded().heaterDuty()).isEqualTo(0.3);
    }

    @Test
    void inRawModeTheHeaterIsOnForDutyTimesOneSecondAtTheStartOfEachWindow() {
        Plant p = plant();
        FirmwarePort port = port(faults(p), true, 2, PressurePlace.LINE);
        port.command(new Message.ActuatorFrame(0, 0, 0.0, 0.3, false));
        Actuators applied = new Actuators();
        double[][] onOff = {{0.1, 1}, {0.29, 1}, {0.31, 0}, {0.9, 0}, {5.2, 1}, {5.5, 0}};
        for (double[] c : onOff) {
            port.control(at(c[0]), applied);
            assertThat(applied.heaterDuty()).as("t = %s s", c[0]).isEqualTo(c[1]);
        }
        assertThat(port.commanded().heaterDuty()).as("commanded stays as sent").isEqualTo(0.3);
    }

    @Test
    void actuatorFaultsOverrideTheCommandsLast() {
        Plant p = plant();
        FirmwarePort port = port(faults(p, "heater_stuck_on", "solenoid_stuck state=open"), true, 2,
                PressurePlace.LINE);
        port.command(new Message.ActuatorFrame(0, 0, 0.4, 0.0, false));
        Actuators applied = new Actuators();
        port.control(at(0.9), applied);
        assertThat(applied.heaterDuty()).isEqualTo(1.0);
        assertThat(applied.solenoidEnergised()).isTrue();
        assertThat(applied.pumpDuty()).isEqualTo(0.4);
    }

    @Test
    void theFrameCarriesSeqModulo2To32TheStatusBitsAndNoRawFieldsWithoutRaw() {
        Plant p = plant();
        FirmwarePort port = port(faults(p), false, 2, PressurePlace.LINE);
        Message.SensorFrame f = port.sensorFrame((1L << 32) + 5, 123_456, Message.SensorFrame.STATUS_PAUSED, p);
        assertThat(f.seq()).isEqualTo(5);
        assertThat(f.timeMicros()).isEqualTo(123_456);
        assertThat(f.status()).isEqualTo(Message.SensorFrame.STATUS_PAUSED);
        assertThat(f.rawPressureCounts()).isZero();
        assertThat(f.rawBoilerQuarterC()).isZero();
        assertThat(f.rawGroupCounts()).isZero();
        assertThat(f.rawLineCounts()).isZero();
        assertThat(f.boilerC()).isCloseTo(InitialConditions.HOT_BOILER_C, within(1.0));

        FirmwarePort faulted = port(faults(p, "offset target=boiler_c value=5"), false, 2, PressurePlace.LINE);
        Message.SensorFrame g = faulted.sensorFrame(0, 0, 0, p);
        assertThat(g.status()).isEqualTo(Message.SensorFrame.STATUS_FAULT);
        assertThat(g.boilerC()).isCloseTo(f.boilerC() + 5, within(1e-9));
    }

    @Test
    void rawFieldsAtRestFollowTheVersionAndTheTransducersPlace() {
        // at rest, dry and unpressurised: 0 bar everywhere reads 2667 counts (0.5 V)
        Plant p = plant();
        FaultEngine f = faults(p);
        FirmwarePort v2 = port(f, true, 2, PressurePlace.LINE);
        v2.afterTick(p);
        Message.SensorFrame a = v2.sensorFrame(0, 0, 0, p);
        assertThat(a.status() & Message.SensorFrame.STATUS_RAW).isNotZero();
        assertThat(a.rawPressureCounts()).isEqualTo(2667);
        assertThat(a.rawGroupCounts()).isEqualTo(2667);
        assertThat(a.rawLineCounts()).isEqualTo(2667);
        assertThat(a.rawBoilerQuarterC()).as("MAX6675 quarters, floor, converted at t = 0")
                .isEqualTo((int) Math.floor(a.boilerC() * 4));
        assertThat(a.rawHeaterOn()).as("the plant's heater is off").isZero();

        FirmwarePort v1 = port(f, true, 1, PressurePlace.LINE);
        Message.SensorFrame b = v1.sensorFrame(0, 0, 0, p);
        assertThat(b.rawPressureCounts()).isEqualTo(2667);
        assertThat(b.rawGroupCounts()).as("v1 has no per-place counts").isZero();
        assertThat(b.rawLineCounts()).isZero();
    }

    @Test
    void theTransducerCountsReadTheLineOrTheGroupAsTheMachineSays() {
        // an offset on one pressure channel tells which one raw_pressure_counts reads
        Plant p = plant();
        FaultEngine f = faults(p, "offset target=line_bar value=6");
        Message.SensorFrame line = port(f, true, 2, PressurePlace.LINE).sensorFrame(0, 0, 0, p);
        Message.SensorFrame group = port(f, true, 2, PressurePlace.GROUP).sensorFrame(0, 0, 0, p);
        Message.SensorFrame v1 = port(f, true, 1, PressurePlace.LINE).sensorFrame(0, 0, 0, p);
        int sixBar = (int) Math.round((0.5 + 6 * 4.0 / 12) * 32768 / 6.144);
        assertThat(line.rawPressureCounts()).isEqualTo(sixBar);
        assertThat(line.rawLineCounts()).isEqualTo(sixBar);
        assertThat(line.rawGroupCounts()).isEqualTo(2667);
        assertThat(group.rawPressureCounts()).isEqualTo(2667);
        assertThat(v1.rawPressureCounts()).as("v1: the group").isEqualTo(2667);
    }
}
