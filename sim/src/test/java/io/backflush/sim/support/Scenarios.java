package io.backflush.sim.support;

import io.backflush.core.hydraulics.GroupChamberParameters;
import io.backflush.core.hydraulics.ReliefValveParameters;
import io.backflush.core.machine.MachineParameters;
import io.backflush.core.machine.Presets;
import io.backflush.sim.program.BackflushProgram;
import io.backflush.sim.program.Phase;
import io.backflush.sim.program.PhaseKind;
import org.quicktheories.core.Gen;

import java.util.List;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

/** Generators of machines (preset plus parameter variations) and backflush programs. */
public final class Scenarios {
    private Scenarios() {
    }

    private static final List<MachineParameters> THREE_WAY = Presets.all().values().stream()
            .filter(MachineParameters::hasThreeWayValve).toList();

    /** A preset with a three-way valve, its chamber and OPV varied within published ranges. */
    public static Gen<MachineParameters> machines() {
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
}
