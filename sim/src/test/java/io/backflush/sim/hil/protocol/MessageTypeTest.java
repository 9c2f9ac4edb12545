package io.backflush.sim.hil.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol's one table, {@link MessageType}, against the protocol document that users read. */
class MessageTypeTest {
    static final Path PROTOCOL = Path.of("..", "docs", "protocol.md");
    static final Pattern ROW = Pattern.compile("^\\| 0x([0-9A-F]{2}) \\| (\\w+) \\| (c→s|s→c) \\| (.*) \\|$");
    /** A row of the table of v1 layouts: the types whose payload v1 lays out differently. */
    static final Pattern ROW_V1 = Pattern.compile("^\\| 0x([0-9A-F]{2}) \\| (\\w+) in v1 \\| (.*) \\|$");
    static final Pattern FIELD = Pattern.compile("\\b(u8|u16|i16|u32|u64|i64|f32) (\\w+)|UTF-8 (\\w+)");
    static final Pattern BYTES = Pattern.compile("— (\\d+) bytes?");

    @Test
    void theDocumentsTypeTableIsMessageType() throws IOException {
        Set<MessageType> documented = EnumSet.noneOf(MessageType.class);
        for (String line : Files.readAllLines(PROTOCOL)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            MessageType type = MessageType.of(Integer.parseInt(row.group(1), 16));
            assertThat(type).as("type 0x%s in the doc", row.group(1)).isNotNull();
            assertThat(row.group(2)).as("name of 0x%s", row.group(1)).isEqualTo(type.jsonName());
            assertThat(row.group(3)).as("direction of %s", type)
                    .isEqualTo(type.direction() == MessageType.Direction.TO_SERVER ? "c→s" : "s→c");
            String payload = row.group(4);
            assertThat(documentedFields(payload)).as("fields of %s", type).isEqualTo(fields(type, Message.MAX_VERSION));
            Matcher bytes = BYTES.matcher(payload);
            if (payload.equals("—")) {
                assertThat(type.payloadBytes(Message.MAX_VERSION)).as("payload of %s", type).isZero();
            } else if (type.payloadBytes() != MessageType.VARIABLE) {
                assertThat(bytes.find()).as("%s says its length", type).isTrue();
                assertThat(Integer.parseInt(bytes.group(1))).as("payload bytes of %s", type)
                        .isEqualTo(type.payloadBytes(Message.MAX_VERSION));
            }
            documented.add(type);
        }
        assertThat(documented).containsExactlyInAnyOrder(MessageType.values());
    }

    /** The table of v1 layouts lists exactly the types v1 lays out otherwise than the newest version, as v1 does. */
    @Test
    void theDocumentsV1LayoutsAreMessageTypesV1() throws IOException {
        Set<MessageType> documented = EnumSet.noneOf(MessageType.class);
        for (String line : Files.readAllLines(PROTOCOL)) {
            Matcher row = ROW_V1.matcher(line);
            if (!row.matches()) {
                continue;
            }
            MessageType type = MessageType.of(Integer.parseInt(row.group(1), 16));
            assertThat(row.group(2)).isEqualTo(type.jsonName());
            assertThat(documentedFields(row.group(3))).as("v1 fields of %s", type).isEqualTo(fields(type, 1));
            Matcher bytes = BYTES.matcher(row.group(3));
            assertThat(bytes.find()).isTrue();
            assertThat(Integer.parseInt(bytes.group(1))).as("v1 payload bytes of %s", type).isEqualTo(type.payloadBytes(1));
            documented.add(type);
        }
        Set<MessageType> differing = EnumSet.noneOf(MessageType.class);
        for (MessageType t : MessageType.values()) {
            if (!fields(t, 1).equals(fields(t, Message.MAX_VERSION))) {
                differing.add(t);
            }
        }
        assertThat(differing).as("the types v1 lays out otherwise").containsExactlyInAnyOrder(MessageType.SENSORS,
                MessageType.RESET);
        assertThat(documented).isEqualTo(differing);
    }

    /** The JSON examples in the doc carry exactly the keys the codec writes (raw fields: only in raw mode). */
    @Test
    void theDocumentsJsonExamplesHaveTheKeysOfTheTable() throws IOException {
        String doc = Files.readString(PROTOCOL);
        String block = doc.substring(doc.indexOf("```json", doc.indexOf("## JSON lines")) + 7);
        block = block.substring(0, block.indexOf("```"));
        ObjectMapper mapper = new ObjectMapper();
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        for (String line : block.strip().split("\n")) {
            for (String example : line.strip().split(" {3}")) {
                JsonNode node = mapper.readTree(example);
                MessageType type = MessageType.of(node.get("type").asText());
                assertThat(type).as(example).isNotNull();
                Set<String> keys = new LinkedHashSet<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
                keys.remove("type");
                List<String> expected = new ArrayList<>();
                for (Field f : type.fields(Message.MAX_VERSION)) {
                    if (f.key() != null && !f.key().startsWith("raw_")) {
                        expected.add(f.key());
                    }
                }
                assertThat(keys).as(example).containsExactlyElementsOf(expected);
                seen.add(type);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void everyTypeIsFoundByItsCodeItsNameAndItsRecord() {
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.of(t.code())).isSameAs(t);
            assertThat(MessageType.of(t.jsonName())).isSameAs(t);
        }
        for (Message m : CodecTest.ALL) {
            byte[] buf = new byte[Encoding.MAX_FRAME_BYTES];
            BinaryCodec.encode(m, buf);
            assertThat(MessageType.of(buf[3] & 0xFF)).isSameAs(m.messageType());
            String line = new String(buf, 0, JsonLineCodec.encode(m, buf), StandardCharsets.UTF_8);
            assertThat(line).startsWith("{\"type\":\"" + m.messageType().jsonName() + "\"");
        }
        assertThat(EnumSet.allOf(MessageType.class).stream().filter(MessageType::carriesSeq))
                .containsExactlyInAnyOrder(MessageType.SENSORS, MessageType.ACTUATORS);
        assertThat(MessageType.nameOf(0x99)).isEqualTo("unknown");
    }

    private static List<String> documentedFields(String payload) {
        List<String> out = new ArrayList<>();
        Matcher m = FIELD.matcher(payload);
        while (m.find()) {
            out.add(m.group(3) != null ? "text " + m.group(3) : m.group(1).replace("u64", "i64") + " " + m.group(2));
        }
        return out;
    }

    private static List<String> fields(MessageType type, int version) {
        List<String> out = new ArrayList<>();
        for (Field f : type.fields(version)) {
            out.add(switch (f.kind()) {
                case U8, BOOL, FLAGS, TYPE, NAMED -> "u8 " + f.key();
                case U16 -> "u16 " + f.key();
                case I16 -> "i16 " + f.key();
                case U32 -> "u32 " + f.key();
                case I64 -> "i64 " + f.key();
                case F32 -> "f32 " + f.key();
                case TEXT -> "text " + f.key();
                case PAD8 -> "u8 0";
                case PAD16 -> "u16 0";
            });
        }
        return out;
    }
}
