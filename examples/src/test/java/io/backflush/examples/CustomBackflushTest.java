package io.backflush.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the README's example as a user would and checks what it prints is a backflush. */
class CustomBackflushTest {
    @Test
    void theReadmeShowsTheExampleAsItIs() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        int section = readme.indexOf("## Use it from Java");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String shown = readme.substring(start, readme.indexOf("```", start));
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/io/backflush/examples/CustomBackflush.java"));
        assertThat(section).isPositive();
        assertThat(shown.lines().count()).isBetween(20L, 30L);
        for (String line : shown.lines().toList()) {
            assertThat(source).as("README line in CustomBackflush.java").contains(line.strip());
        }
    }

    @Test
    void theExampleRunsThreeCyclesThatGoQuietAndWhoosh() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            CustomBackflush.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        saved.print(out);
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(9 + 3);
        assertThat(lines.get(1)).as("8 s into the first fill: against the blind basket").matches("t  8\\.0 s  group  9\\.\\d\\d bar.*");
        assertThat(lines.get(2)).as("4 s after the release").matches("t 12\\.0 s  group  0\\.\\d\\d bar.*");
        Pattern cycle = Pattern.compile("cycle (\\d): quiet after (\\d+\\.\\d+) s, (\\d+\\.\\d+) bar at release, whoosh (\\d+\\.\\d) ml");
        for (int i = 0; i < 3; i++) {
            Matcher m = cycle.matcher(lines.get(9 + i));
            assertThat(m.matches()).as(lines.get(9 + i)).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(i + 1);
            assertThat(Double.parseDouble(m.group(2))).isBetween(2.0, 8.0);
            assertThat(Double.parseDouble(m.group(3))).isBetween(8.5, 10.0);
            assertThat(Double.parseDouble(m.group(4))).isBetween(10.0, 60.0);
        }
    }
}
