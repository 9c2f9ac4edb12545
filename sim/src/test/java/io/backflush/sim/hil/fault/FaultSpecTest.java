package io.backflush.sim.hil.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fault spec grammar of docs/protocol.md ("Faults"): {@code kind key=value ...}, each fault's
 * keys and defaults as the table lists them, the triggers, and one clear message for each kind
 * of bad spec.
 */
class FaultSpecTest {

    static String error(String spec) {
        try {
            FaultSpec.parse(spec);
        } catch (FaultSpecException e) {
            assertThat(e.getMessage()).as("one line").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("'" + spec + "' was accepted");
    }

    @ParameterizedTest(name = "{0}: {1} defaults to {2}")
    @CsvSource({
            "noise target=group_bar, sigma, 0.1",
            "offset target=group_bar, value, 0",
            "scale target=group_bar, value, 1",
            "delay target=group_bar, ms, 100",
            "intermittent target=group_bar, period_ms, 500",
            "clogged_exhaust, factor, 0.1",
            "weak_pump, factor, 0.5",
            "leaking_seat, k, 2",
            "stuck target=group_bar, -, 0",
            "heater_stuck_on, -, 0",
            "empty_tank, -, 0"
    })
    void eachFaultsNumberHasTheDocumentedDefault(String spec, String key, double value) {
        FaultSpec f = FaultSpec.parse(spec);
        assertThat(f.value()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "noise target=boiler_c sigma=0.7, 0.7",
            "offset target=boiler_c value=-3.5, -3.5",
            "scale target=boiler_c value=0.25, 0.25",
            "delay target=boiler_c ms=250, 250",
            "intermittent target=boiler_c period_ms=40, 40",
            "clogged_exhaust factor=0.3, 0.3",
            "weak_pump factor=0.8, 0.8",
            "leaking_seat k=7.5, 7.5"
    })
    void eachFaultReadsItsNumberFromItsOwnKey(String spec, double value) {
        assertThat(FaultSpec.parse(spec).value()).isEqualTo(value);
    }

    @Test
    void aNumberUnderAnotherFaultsKeyIsNotRead() {
        // 'value' belongs to offset and scale: a weak pump keeps its default factor
        assertThat(FaultSpec.parse("weak_pump value=0.9").value()).isEqualTo(0.5);
        assertThat(FaultSpec.parse("offset target=group_bar factor=0.9").value()).isEqualTo(0.0);
    }

    @Test
    void intermittentHasADutyWithDefaultOneHalfAndOtherFaultsNone() {
        assertThat(FaultSpec.parse("intermittent target=flow").duty()).isEqualTo(0.5);
        assertThat(FaultSpec.parse("intermittent target=flow duty=0.2").duty()).isEqualTo(0.2);
        assertThat(FaultSpec.parse("dropout target=flow duty=0.2").duty()).isZero();
    }

    @ParameterizedTest(name = "state={0}")
    @CsvSource({"open, true", "energised, true", "on, true", "closed, false", "released, false", "off, false"})
    void theSolenoidSticksInTheStateNamed(String state, boolean energised) {
        assertThat(FaultSpec.parse("solenoid_stuck state=" + state).energised()).isEqualTo(energised);
    }

    @Test
    void theSolenoidSticksClosedByDefault() {
        assertThat(FaultSpec.parse("solenoid_stuck").energised()).isFalse();
        // 'state' means nothing to other faults
        assertThat(FaultSpec.parse("heater_stuck_on state=open").energised()).isFalse();
    }

    @Test
    void aBadSolenoidStateIsRefusedNamingWhatIsAllowed() {
        assertThat(error("solenoid_stuck state=half"))
                .isEqualTo("state must be open (energised) or closed (released), got 'half'");
    }

    @Test
    void targetsAreTheSensorChannelsAndTheV1LineNameIsAccepted() {
        assertThat(FaultSpec.parse("stuck target=group_bar").target()).isEqualTo(Channel.GROUP_BAR);
        assertThat(FaultSpec.parse("stuck target=line_bar").target()).isEqualTo(Channel.LINE_BAR);
        assertThat(FaultSpec.parse("stuck target=pump_bar").target()).isEqualTo(Channel.LINE_BAR);
        assertThat(FaultSpec.parse("stuck target=boiler_c").target()).isEqualTo(Channel.BOILER_C);
        assertThat(FaultSpec.parse("stuck target=group_c").target()).isEqualTo(Channel.GROUP_C);
        assertThat(FaultSpec.parse("stuck target=flow").target()).isEqualTo(Channel.FLOW);
        assertThat(FaultSpec.parse("stuck target=tank_ml").target()).isEqualTo(Channel.TANK_ML);
        assertThat(FaultSpec.parse("stuck target=drip_ml").target()).isEqualTo(Channel.DRIP_ML);
        assertThat(FaultSpec.parse("clear").target()).isNull();
        assertThat(FaultSpec.parse("clear target=flow").target()).isEqualTo(Channel.FLOW);
    }

    @Test
    void theKindIsReadWhateverItsCaseAndTheTextIsKeptTrimmed() {
        FaultSpec f = FaultSpec.parse("  STUCK   target=boiler_c\tat=20 ");
        assertThat(f.kind()).isEqualTo(FaultKind.STUCK);
        assertThat(f.atSeconds()).isEqualTo(20.0);
        assertThat(f.text()).isEqualTo("STUCK   target=boiler_c\tat=20");
    }

    @Test
    void withoutAtOrWhenAFaultFiresAtOnce() {
        FaultSpec now = FaultSpec.parse("weak_pump");
        assertThat(now.immediate()).isTrue();
        assertThat(now.atSeconds()).isNaN();
        assertThat(now.condition()).isNull();
        FaultSpec at = FaultSpec.parse("weak_pump at=0");
        assertThat(at.immediate()).isFalse();
        assertThat(at.atSeconds()).isZero();
        FaultSpec when = FaultSpec.parse("weak_pump when=group_bar>8");
        assertThat(when.immediate()).isFalse();
        assertThat(when.atSeconds()).isNaN();
        assertThat(when.condition()).isEqualTo(new FaultSpec.Condition(Channel.GROUP_BAR, ">", 8.0));
    }

    @ParameterizedTest(name = "when={0}")
    @CsvSource({
            "group_bar>8, GROUP_BAR, >, 8",
            "group_bar>=8.5, GROUP_BAR, >=, 8.5",
            "boiler_c<90, BOILER_C, <, 90",
            "tank_ml<=-2, TANK_ML, <=, -2",
            "pump_bar>3, LINE_BAR, >, 3"
    })
    void aConditionIsChannelOperatorNumber(String when, Channel channel, String op, double threshold) {
        assertThat(FaultSpec.parse("stuck target=flow when=" + when).condition())
                .isEqualTo(new FaultSpec.Condition(channel, op, threshold));
    }

    @Test
    void aConditionMayHaveSpacesAsInAScenarioFile() {
        FaultSpec.Condition c = FaultSpec.Condition.parse("group_bar >= 8");
        assertThat(c).isEqualTo(new FaultSpec.Condition(Channel.GROUP_BAR, ">=", 8.0));
        assertThat(c.toString()).isEqualTo("group_bar>=8.0");
    }

    @ParameterizedTest(name = "{0} {1} at {2}: {3}")
    @CsvSource({
            ">, 8, 8.0, false", ">, 8, 8.001, true", ">, 8, 7.9, false",
            ">=, 8, 8.0, true", ">=, 8, 7.999, false", ">=, 8, 9, true",
            "<, 8, 8.0, false", "<, 8, 7.999, true", "<, 8, 9, false",
            "<=, 8, 8.0, true", "<=, 8, 8.001, false", "<=, 8, 7, true"
    })
    void aConditionHoldsByItsOperator(String op, double threshold, double value, boolean holds) {
        assertThat(new FaultSpec.Condition(Channel.GROUP_BAR, op, threshold).holds(value)).isEqualTo(holds);
    }

    @Test
    void aConditionNeverHoldsOnNoData() {
        for (String op : new String[] {">", ">=", "<", "<="}) {
            assertThat(new FaultSpec.Condition(Channel.GROUP_BAR, op, 0.0).holds(Double.NaN)).as(op).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stuck target=group_bar when=valve>2 | when: unknown channel 'valve' (one of group_bar, line_bar, boiler_c, group_c, flow, tank_ml, drip_ml)",
            "stuck target=group_bar when=>8 | when: expected 'channel>number' (or >=, <, <=), got '>8'",
            "stuck target=group_bar when=group_bar=8 | when: expected 'channel>number' (or >=, <, <=), got 'group_bar=8'",
            "stuck target=group_bar when=group_bar>high | when: expected a number, got 'high'",
            "stuck target=group_bar when=group_bar>NaN | when: expected a number, got 'NaN'",
            "stuck target=group_bar blah=1 | unknown key 'blah'",
            "melt target=group_bar | unknown fault 'melt' (one of stuck, noise, offset, scale, dropout, delay, intermittent, clogged_exhaust, solenoid_stuck, leaking_seat, weak_pump, heater_stuck_on, empty_tank, clear)",
            "stuck target=valve | unknown target 'valve' (one of group_bar, line_bar, boiler_c, group_c, flow, tank_ml, drip_ml)",
            "stuck | stuck needs target=CHANNEL (one of group_bar, line_bar, boiler_c, group_c, flow, tank_ml, drip_ml)",
            "delay at=3 | delay needs target=CHANNEL (one of group_bar, line_bar, boiler_c, group_c, flow, tank_ml, drip_ml)",
            "stuck target | expected key=value, got 'target'",
            "stuck =group_bar | expected key=value, got '=group_bar'",
            "offset target=flow value=abc | value: expected a number, got 'abc'",
            "offset target=flow value=Infinity | value: expected a number, got 'Infinity'",
            "offset target=flow value=-Infinity | value: expected a number, got '-Infinity'",
            "scale target=flow value=NaN | value: expected a number, got 'NaN'",
            "noise target=flow sigma=-0.1 | sigma must be 0.0..1000000.0, got -0.1",
            "noise target=flow sigma=2e6 | sigma must be 0.0..1000000.0, got 2000000.0",
            "delay target=flow ms=-1 | ms must be 0.0..10000.0, got -1.0",
            "delay target=flow ms=10000.5 | ms must be 0.0..10000.0, got 10000.5",
            "intermittent target=flow period_ms=0.5 | period_ms must be 1.0..600000.0, got 0.5",
            "intermittent target=flow period_ms=600001 | period_ms must be 1.0..600000.0, got 600001.0",
            "intermittent target=flow duty=1.5 | duty must be 0.0..1.0, got 1.5",
            "intermittent target=flow duty=-0.01 | duty must be 0.0..1.0, got -0.01",
            "clogged_exhaust factor=1.01 | factor must be 0.0..1.0, got 1.01",
            "clogged_exhaust factor=-0.1 | factor must be 0.0..1.0, got -0.1",
            "weak_pump factor=2 | factor must be 0.0..1.0, got 2.0",
            "leaking_seat k=100.5 | k must be 0.0..100.0, got 100.5",
            "leaking_seat k=-1 | k must be 0.0..100.0, got -1.0",
            "weak_pump at=-1 | at must be 0.0..1.0E9, got -1.0",
            "weak_pump at=2e9 | at must be 0.0..1.0E9, got 2.0E9"
    })
    void aBadSpecIsRefusedWithOneLineSayingWhatAndWhere(String spec, String message) {
        assertThat(error(spec)).isEqualTo(message);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "   ", "\t"})
    void anEmptySpecIsRefused(String spec) {
        assertThat(error(spec)).isEqualTo("empty fault spec");
    }

    @Test
    void aNullSpecIsRefusedAsEmpty() {
        assertThatThrownBy(() -> FaultSpec.parse(null)).isInstanceOf(FaultSpecException.class)
                .hasMessage("empty fault spec");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "noise target=flow sigma=0", "noise target=flow sigma=1e6",
            "delay target=flow ms=0", "delay target=flow ms=10000",
            "intermittent target=flow period_ms=1", "intermittent target=flow period_ms=600000",
            "intermittent target=flow duty=0", "intermittent target=flow duty=1",
            "clogged_exhaust factor=0", "clogged_exhaust factor=1", "weak_pump factor=0", "weak_pump factor=1",
            "leaking_seat k=0", "leaking_seat k=100", "weak_pump at=0", "weak_pump at=1e9"
    })
    void theEndsOfEachRangeAreAccepted(String spec) {
        assertThat(FaultSpec.parse(spec).text()).isEqualTo(spec);
    }

    @Test
    void aMapWithoutAFaultIsRefusedAsAnUnknownFault() {
        assertThatThrownBy(() -> FaultSpec.of(java.util.Map.of("target", "flow"), "target=flow"))
                .isInstanceOf(FaultSpecException.class).hasMessageStartingWith("unknown fault 'null' (one of stuck, ");
    }

    @Test
    void sensorFaultsAreTheOnesThatNeedATarget() {
        for (FaultKind k : FaultKind.values()) {
            boolean sensor = switch (k) {
                case STUCK, NOISE, OFFSET, SCALE, DROPOUT, DELAY, INTERMITTENT -> true;
                default -> false;
            };
            assertThat(k.isSensorFault()).as(k.key()).isEqualTo(sensor);
            assertThat(FaultKind.of(k.key())).isEqualTo(k);
        }
        assertThat(FaultKind.of("STUCK")).as("keys are lower case").isNull();
        assertThat(Channel.of("nothing")).isNull();
    }
}
