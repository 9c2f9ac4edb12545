package io.backflush.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/signals.md's tables of the run and compare JSON against what the commands print: every field, no other. */
class JsonDictionaryTest {
    static final Path DOC = Path.of("..", "docs", "signals.md");

    @Test
    void everyRunJsonFieldIsInTheDataDictionaryAndEveryDocumentedOneIsPrinted() throws IOException {
        CliTest.Outcome o = CliTest.run("run", "--machine", "single-boiler", "--program", "water-5x10", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(paths(new ObjectMapper().readTree(o.out()))).containsExactlyElementsOf(documented("## The run JSON"));
    }

    @Test
    void everyCompareJsonFieldIsInTheDataDictionaryAndEveryDocumentedOneIsPrinted() throws IOException {
        CliTest.Outcome o = CliTest.run("compare", "--machine", "single-boiler", "--strategies", "none,water-daily",
                "--days", "2", "--shots-per-day", "3", "--seeds", "1", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(paths(new ObjectMapper().readTree(o.out())))
                .containsExactlyElementsOf(documented("## The compare JSON"));
    }

    /** The field paths of a JSON value, in order: {@code a.b}, {@code list[].c}, {@code numbers[]}. */
    static Set<String> paths(JsonNode root) {
        Set<String> out = new LinkedHashSet<>();
        walk(root, "", out);
        return out;
    }

    private static void walk(JsonNode node, String path, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.add(path + "[]");
            }
            for (JsonNode element : node) {
                walk(element, path + "[]", out);
            }
        } else {
            out.add(path);
        }
    }

    /** The first column of the table under {@code heading}, back-quotes dropped. */
    static List<String> documented(String heading) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf(heading);
        assertThat(i).as("%s in %s", heading, DOC).isNotNegative();
        while (!lines.get(i).startsWith("|---")) {
            i++;
        }
        List<String> fields = new ArrayList<>();
        for (i++; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            fields.add(lines.get(i).split("\\|")[1].strip().replace("`", ""));
        }
        return fields;
    }
}
