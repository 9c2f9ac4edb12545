package io.backflush.sim.hil.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON-lines encoding's rules as docs/protocol.md ("JSON lines", "Errors") states them: one
 * object per line, {@code \r\n} accepted, at most 4096 bytes, required and optional keys with their
 * defaults, {@code null} floats as NaN, and each bad line one error naming its line.
 */
class JsonLinesTest {

    static List<Decoded> decode(String text) {
        return decode(new JsonLineCodec.Decoder(), text);
    }

    static List<Decoded> decode(FrameDecoder d, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Decoded> out = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(d.space(), Math.min(1000, bytes.length - at));
            d.feed(bytes, at, n);
            at += n;
            for (Decoded x = d.next(); x != null; x = d.next()) {
                out.add(x);
            }
        }
        return out;
    }

    static Decoded one(String line) {
        List<Decoded> got = decode(line + "\n");
        assertThat(got).as(line).hasSize(1);
        return got.get(0);
    }

    static DecodeError error(String line) {
        Decoded d = one(line);
        assertThat(d).as(line).isInstanceOf(DecodeError.class);
        return (DecodeError) d;
    }

    static String encode(Message m, int version) {
        byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
        return new String(buf, 0, JsonLineCodec.encode(m, buf, version), StandardCharsets.UTF_8);
    }

    @Test
    void crLfIsAcceptedBlankLinesAreSkippedAndErrorsNameTheirLine() {
        List<Decoded> got = decode("{\"type\":\"pause\"}\r\n\n  \t\r\n{\"type\":\"resume\"}\nnot json\r\n");
        assertThat(got.subList(0, 2)).containsExactly(new Message.Pause(), new Message.Resume());
        DecodeError e = (DecodeError) got.get(2);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(e.offset()).isEqualTo(5);
        assertThat(e.line()).isTrue();
        assertThat(e.detail()).startsWith("malformed JSON: ").doesNotContain("\n");
        assertThat(e.toFrame(3).message()).endsWith(" at line 5");
        assertThat(e.toFrame(3).count()).isEqualTo(3);
    }

    @Test
    void aLineOf4096BytesIsReadAndOneLongerIsOversizedAndDiscardedToItsNewline() {
        String head = "{\"type\":\"step\",\"n\":7}";
        String exactly = head + " ".repeat(4096 - head.length());
        String longer = head + " ".repeat(4097 - head.length());
        // the long line arrives in pieces with no newline yet: refused as soon as it is too long
        String tooLongInPieces = head + " ".repeat(6000);
        JsonLineCodec.Decoder d = new JsonLineCodec.Decoder();
        List<Decoded> got = decode(d, exactly + "\n" + longer + "\n" + tooLongInPieces + "\n{\"type\":\"bye\"}\n");
        assertThat(got).hasSize(4);
        assertThat(got.get(0)).isEqualTo(new Message.Step(7));
        assertThat(got.get(1)).isEqualTo(DecodeError.atLine(ErrorCode.OVERSIZED, 2, "line longer than 4096 bytes"));
        assertThat(got.get(2)).isEqualTo(DecodeError.atLine(ErrorCode.OVERSIZED, 3, "line longer than 4096 bytes"));
        assertThat(got.get(3)).as("the line after the discarded one").isEqualTo(new Message.Bye());
        assertThat(d.errors()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1] | BAD_JSON | a line must be one JSON object",
            "3 | BAD_JSON | a line must be one JSON object",
            "null | BAD_JSON | a line must be one JSON object",
            "{\"n\":1} | BAD_PAYLOAD | missing \"type\"",
            "{\"type\":5} | BAD_PAYLOAD | missing \"type\"",
            "{\"type\":\"teleport\"} | UNKNOWN_TYPE | unknown type \"teleport\"",
            "{\"type\":\"abcdefghijabcdefghijabcdefghijabcdefghijXYZ\"} | UNKNOWN_TYPE | unknown type \"abcdefghijabcdefghijabcdefghijabcdefghij...\"",
            "{\"type\":\"abcdefghijabcdefghijabcdefghijabcdefghij\"} | UNKNOWN_TYPE | unknown type \"abcdefghijabcdefghijabcdefghijabcdefghij\"",
            "{\"type\":\"actuators\",\"seq\":1,\"heater\":0,\"solenoid\":true} | BAD_PAYLOAD | actuators: missing \"pump\"",
            "{\"type\":\"actuators\",\"seq\":1,\"pump\":\"full\",\"heater\":0,\"solenoid\":true} | BAD_PAYLOAD | actuators: \"pump\" must be a number",
            "{\"type\":\"actuators\",\"seq\":1,\"pump\":1,\"heater\":0} | BAD_PAYLOAD | actuators: missing \"solenoid\"",
            "{\"type\":\"actuators\",\"seq\":1,\"pump\":1,\"heater\":0,\"solenoid\":1} | BAD_PAYLOAD | actuators: \"solenoid\" must be true or false",
            "{\"type\":\"actuators\",\"pump\":1,\"heater\":0,\"solenoid\":true} | BAD_PAYLOAD | actuators: missing \"seq\"",
            "{\"type\":\"actuators\",\"seq\":-1,\"pump\":1,\"heater\":0,\"solenoid\":true} | BAD_PAYLOAD | actuators: \"seq\" must be 0..4294967295, got -1",
            "{\"type\":\"hello\",\"raw\":\"yes\"} | BAD_PAYLOAD | hello: \"raw\" must be true or false",
            "{\"type\":\"hello\",\"min_version\":2,\"max_version\":1} | BAD_PAYLOAD | hello: min_version 2 above max_version 1",
            "{\"type\":\"step\",\"n\":1.5} | BAD_PAYLOAD | step: \"n\" must be an integer",
            "{\"type\":\"step\",\"n\":\"5\"} | BAD_PAYLOAD | step: \"n\" must be an integer",
            "{\"type\":\"step\",\"n\":4294967296} | BAD_PAYLOAD | step: \"n\" must be 0..4294967295, got 4294967296",
            "{\"type\":\"step\",\"n\":9223372036854775808} | BAD_PAYLOAD | step: \"n\" must be an integer",
            "{\"type\":\"step\"} | BAD_PAYLOAD | step: missing \"n\"",
            "{\"type\":\"run_to\",\"t_us\":-1} | BAD_PAYLOAD | run_to: \"t_us\" must be 0..9223372036854775807, got -1",
            "{\"type\":\"snapshot\",\"slot\":8} | BAD_PAYLOAD | snapshot: \"slot\" must be 0..7, got 8",
            "{\"type\":\"restore\",\"slot\":-1} | BAD_PAYLOAD | restore: \"slot\" must be 0..7, got -1",
            "{\"type\":\"reset\",\"start\":\"warm\"} | BAD_PAYLOAD | reset: \"start\" must be one of default, hot, cold",
            "{\"type\":\"reset\",\"start\":1} | BAD_PAYLOAD | reset: \"start\" must be one of default, hot, cold",
            "{\"type\":\"fault\"} | BAD_PAYLOAD | fault: \"spec\" must be a string of 1..240 bytes",
            "{\"type\":\"fault\",\"spec\":\"   \"} | BAD_PAYLOAD | fault: \"spec\" must be a string of 1..240 bytes",
            "{\"type\":\"fault\",\"spec\":7} | BAD_PAYLOAD | fault: \"spec\" must be a string of 1..240 bytes",
            "{\"type\":\"ack\",\"of\":\"nope\",\"value\":1} | BAD_PAYLOAD | ack: \"of\" must name a message type",
            "{\"type\":\"ack\",\"of\":3,\"value\":1} | BAD_PAYLOAD | ack: \"of\" must name a message type"
    })
    void aBadLineIsOneErrorSayingWhat(String line, ErrorCode code, String detail) {
        assertThat(error(line)).isEqualTo(DecodeError.atLine(code, 1, detail));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"pause\",\"type\":\"resume\"}",
            "{\"type\":\"pause\"} {}",
            "{\"type\":\"pause\"",
            "{\"type\":\"fault\",\"spec\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":1}}}}}}}}}"
    })
    void duplicateKeysTrailingTokensAndDeepNestingAreMalformedJson(String line) {
        DecodeError e = error(line);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(e.detail()).startsWith("malformed JSON: ");
    }

    @Test
    void optionalKeysTakeTheirDocumentedDefaults() {
        assertThat(one("{\"type\":\"hello\"}")).isEqualTo(new Message.Hello(1, 1, 0, 0));
        assertThat(one("{\"type\":\"hello\",\"min_version\":2}")).as("max = min").isEqualTo(new Message.Hello(2, 2, 0, 0));
        assertThat(one("{\"type\":\"hello\",\"max_version\":2,\"raw\":true,\"dt_us\":500}"))
                .isEqualTo(new Message.Hello(1, 2, Message.Hello.FLAG_RAW, 500));
        assertThat(one("{\"type\":\"hello\",\"raw\":null,\"dt_us\":null}")).isEqualTo(new Message.Hello(1, 1, 0, 0));
        assertThat(one("{\"type\":\"actuators\",\"seq\":4,\"pump\":0.5,\"heater\":0.25,\"solenoid\":false}"))
                .isEqualTo(new Message.ActuatorFrame(4, 0, 0.5, 0.25, false));
        assertThat(one("{\"type\":\"reset\"}")).isEqualTo(new Message.Reset(0, Message.Reset.START_DEFAULT));
        assertThat(one("{\"type\":\"reset\",\"seed\":-9,\"start\":\"cold\"}")).isEqualTo(new Message.Reset(-9, Message.Reset.START_COLD));
        assertThat(one("{\"type\":\"reset\",\"start\":\"hot\"}")).isEqualTo(new Message.Reset(0, Message.Reset.START_HOT));
        assertThat(one("{\"type\":\"reset\",\"start\":null}")).isEqualTo(new Message.Reset(0, Message.Reset.START_DEFAULT));
        assertThat(one("{\"type\":\"snapshot\"}")).isEqualTo(new Message.Snapshot(0));
        assertThat(one("{\"type\":\"restore\",\"slot\":7}")).isEqualTo(new Message.Restore(7));
        assertThat(one("{\"type\":\"ack\",\"of\":\"step\"}")).isEqualTo(new Message.Ack(BinaryCodec.STEP, 0));
        assertThat(one("{\"type\":\"error\",\"code\":3}")).isEqualTo(new Message.Error(3, 0, ""));
        assertThat(one("{\"type\":\"step\",\"n\":4294967295,\"later\":{\"x\":[1,2]}}")).as("unknown keys ignored")
                .isEqualTo(new Message.Step(4294967295L));
    }

    @Test
    void aNullFloatIsNaNWhichThePlantReadsAsZero() {
        Message.ActuatorFrame a = (Message.ActuatorFrame) one(
                "{\"type\":\"actuators\",\"seq\":4,\"t_us\":null,\"pump\":null,\"heater\":1,\"solenoid\":true}");
        assertThat(a.pumpDuty()).isNaN();
        assertThat(a.heaterDuty()).isEqualTo(1.0);
        assertThat(a.timeMicros()).isZero();
    }

    @Test
    void aSpecOf240BytesIsAcceptedAnd241AreNot() {
        // 'ü' is two bytes of UTF-8: 120 of them are 240 bytes
        String ok = "ü".repeat(120);
        assertThat(one("{\"type\":\"fault\",\"spec\":\"" + ok + "\"}")).isEqualTo(new Message.Fault(ok));
        assertThat(error("{\"type\":\"fault\",\"spec\":\"" + ok + "a\"}").detail())
                .isEqualTo("fault: \"spec\" must be a string of 1..240 bytes");
    }

    @Test
    void aClientsDecoderReadsTheSensorLineOfTheVersionItWasTold() {
        String v2 = "{\"type\":\"sensors\",\"seq\":1,\"t_us\":1000,\"group_bar\":1.0,\"line_bar\":4.0,\"boiler_c\":93.0,"
                + "\"group_c\":85.0,\"flow_pulses\":2,\"tank_ml\":1999.0,\"drip_ml\":0.0}\n";
        JsonLineCodec.Decoder d = new JsonLineCodec.Decoder();
        assertThat(decode(d, v2)).singleElement().isInstanceOf(DecodeError.class)
                .satisfies(e -> assertThat(((DecodeError) e).detail()).isEqualTo("sensors: missing \"pump_bar\""));
        d.version(2);
        Message.SensorFrame f = (Message.SensorFrame) decode(d, v2).get(0);
        assertThat(f.lineBar()).isEqualTo(4.0);
        assertThat(f.status()).as("status defaults to 0").isZero();
    }

    @Test
    void theEncoderWritesNonFiniteNumbersAsNullEscapesTextAndNamesTypes() {
        Message.SensorFrame nan = new Message.SensorFrame(1, 1000, Double.NaN, Double.POSITIVE_INFINITY, 93.0, 85.0, 0,
                2000.0, 0.0, 0, 0, 0, 0, 0, 0);
        String line = encode(nan, 1);
        assertThat(line).contains("\"group_bar\":null,\"pump_bar\":null,\"boiler_c\":93.0").endsWith("}\n");
        assertThat(line).doesNotContain("raw_").doesNotContain("line_bar");
        assertThat(encode(nan, 2)).contains("\"line_bar\":null").doesNotContain("pump_bar");

        Message.SensorFrame raw = new Message.SensorFrame(1, 1000, 0, 0, 93.0, 85.0, 0, 2000.0, 0.0,
                Message.SensorFrame.STATUS_RAW, 2667, 372, 340, 2, 1, 2667, 2700);
        assertThat(encode(raw, 1)).contains("\"raw_pressure_counts\":2667,\"raw_boiler_tc_q\":372").doesNotContain("raw_line_counts");
        assertThat(encode(raw, 2)).contains("\"raw_heater_on\":1,\"raw_group_counts\":2667,\"raw_line_counts\":2700}");

        assertThat(encode(new Message.Fault("a\"b\\c\u0001d"), 1))
                .isEqualTo("{\"type\":\"fault\",\"spec\":\"a\\\"b\\\\c\\u0001d\"}\n");
        assertThat(one(encode(new Message.Fault("a\"b\\c\u0001d"), 1).strip())).isEqualTo(new Message.Fault("a\"b\\c\u0001d"));
        assertThat(encode(new Message.Ack(BinaryCodec.RUN_TO, 3), 1)).isEqualTo("{\"type\":\"ack\",\"of\":\"run_to\",\"value\":3}\n");
        assertThat(encode(new Message.Hello(1, 2, Message.Hello.FLAG_RAW, 0), 1))
                .isEqualTo("{\"type\":\"hello\",\"min_version\":1,\"max_version\":2,\"raw\":true,\"dt_us\":0}\n");
        assertThat(encode(new Message.Reset(5, Message.Reset.START_COLD), 2)).isEqualTo("{\"type\":\"reset\",\"seed\":5,\"start\":\"cold\"}\n");
        assertThat(encode(new Message.Reset(5, Message.Reset.START_COLD), 1)).isEqualTo("{\"type\":\"reset\",\"seed\":5}\n");
        assertThat(encode(new Message.ActuatorFrame(3, 3000, 1.0, 0.0, true), 1))
                .isEqualTo("{\"type\":\"actuators\",\"seq\":3,\"t_us\":3000,\"pump\":1.0,\"heater\":0.0,\"solenoid\":true}\n");
        assertThat(JsonLineCodec.typeName(new Message.GetStats())).isEqualTo("get_stats");
        assertThat(JsonLineCodec.typeName(0x7F)).isEqualTo("error");
        assertThat(JsonLineCodec.typeName(0x55)).isEqualTo("unknown");
    }
}
