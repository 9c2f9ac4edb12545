package io.backflush.sim.signal;

import io.backflush.core.hydraulics.BasketParameters;
import io.backflush.core.machine.Machine;
import io.backflush.core.machine.Presets;
import io.backflush.core.plant.InitialConditions;
import io.backflush.core.plant.Plant;
import io.backflush.sim.hil.fault.Channel;
import io.backflush.sim.run.TraceCsvWriter;
import io.backflush.sim.show.TraceRecorder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/signals.md, the data dictionary users read, against {@link Signal}, the one the code uses. */
class SignalsDocTest {
    static final Path DOC = Path.of("..", "docs", "signals.md");

    /** The rows of the table under {@code heading}, cells trimmed and back-quotes dropped. */
    static List<String[]> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf(heading);
        assertThat(i).as("%s in %s", heading, DOC).isNotNegative();
        while (!lines.get(i).startsWith("|---")) {
            i++;
        }
        List<String[]> rows = new ArrayList<>();
        for (i++; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String row = lines.get(i);
            String[] cells = row.substring(1, row.length() - 1).split("\\|", -1);
            for (int c = 0; c < cells.length; c++) {
                cells[c] = cells[c].strip().replace("`", "");
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void theDictionaryListsEverySignalInOrderWithItsUnitKindAndMeaning() throws IOException {
        List<String[]> rows = table("## Plant signals");
        assertThat(rows).hasSize(Signal.values().length);
        for (int i = 0; i < rows.size(); i++) {
            Signal s = Signal.values()[i];
            String[] r = rows.get(i);
            assertThat(r[0]).as("column %d", i + 1).isEqualTo(s.column());
            assertThat(r[1]).as("unit of %s", s.column()).isEqualTo(s.unit());
            assertThat(r[2]).as("kind of %s", s.column()).isEqualTo(s.form().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(r[3].equals("yes")).as("charts of %s", s.column()).isEqualTo(TraceRecorder.CHARTED.contains(s));
            assertThat(r[4]).as("meaning of %s", s.column()).isEqualTo(s.meaning());
        }
    }

    @Test
    void theRunTraceHeaderIsTheSignalsAndEveryRowHasOneValueEach() {
        StringBuilder expected = new StringBuilder();
        for (Signal s : Signal.values()) {
            expected.append(expected.length() == 0 ? "" : ",").append(s.column());
        }
        assertThat(TraceCsvWriter.HEADER).isEqualTo(expected.toString());
        Plant plant = new Plant(Machine.of(Presets.singleBoiler()), BasketParameters.blind(), InitialConditions.hotAndDry());
        plant.actuators().pumpDuty(1).solenoidEnergised(true);
        for (int i = 0; i < 100; i++) {
            plant.step(0.001);
        }
        StringBuilder row = new StringBuilder();
        Signal.appendCsv(row, plant, 0.05);
        String[] values = row.toString().split(",");
        assertThat(values).hasSize(Signal.values().length);
        assertThat(Double.parseDouble(values[Signal.TIME_S.ordinal()])).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(values[Signal.SOLENOID_COMMAND.ordinal()]).isEqualTo("1");
        assertThat(Double.parseDouble(values[Signal.GROUP_BAR.ordinal()])).isEqualTo(plant.groupPressureBar());
        assertThat(Double.parseDouble(values[Signal.FROM_TANK_ML.ordinal()])).isPositive();
    }

    @Test
    void theSensorChannelsReadTheSignalsTheDictionarySays() throws IOException {
        List<String[]> rows = table("## Sensor frames and fault targets");
        assertThat(rows).hasSize(Channel.values().length);
        for (String[] r : rows) {
            Channel c = Channel.of(r[1]);
            assertThat(c).as("fault target %s", r[1]).isNotNull();
            if (c.signal() == null) {
                assertThat(r[2]).contains(Signal.FROM_TANK_ML.column()).contains(Signal.RETURNED_TO_TANK_ML.column());
            } else {
                assertThat(r[2].split(" ")[0]).as("what %s reads", r[1]).isEqualTo(c.signal().column());
            }
        }
    }
}
