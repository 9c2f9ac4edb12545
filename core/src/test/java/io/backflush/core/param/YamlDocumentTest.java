package io.backflush.core.param;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlDocumentTest {
    @Test
    void recordsTheLineAndColumnOfEveryFieldAndListElement() {
        YamlDocument document = YamlDocument.parse("t.yaml", """
                # comment
                a:
                  b: 1
                  c:
                    - x: 2
                    - {x: 3, y: 4}
                """);
        assertThat(document.locate("a")).isEqualTo(new YamlDocument.Location(2, 1));
        assertThat(document.locate("a.b")).isEqualTo(new YamlDocument.Location(3, 3));
        assertThat(document.locate("a.c[0].x")).isEqualTo(new YamlDocument.Location(5, 7));
        assertThat(document.locate("a.c[1]")).isEqualTo(new YamlDocument.Location(6, 7));
        assertThat(document.locate("a.c[1].y")).isEqualTo(new YamlDocument.Location(6, 14));
        // Paths the file lacks fall back to the nearest enclosing one.
        assertThat(document.locate("a.c[1].z.w")).isEqualTo(new YamlDocument.Location(6, 7));
        assertThat(document.locate("nowhere")).isEqualTo(new YamlDocument.Location(2, 1)); // the top mapping
        assertThat(document.contains("a.c[0].x")).isTrue();
        assertThat(document.contains("a.c[1].z")).isFalse();
    }

    @Test
    void errorMessagesReadLikeACompilers() {
        YamlDocument document = YamlDocument.parse("dir/t.yaml", "a:\n  b: 1\n");
        assertThat(document.error("a.b", "is wrong").getMessage()).isEqualTo("dir/t.yaml:2:3: a.b: is wrong");
        assertThat(new ParameterFileException("t.yaml", "", 0, 0, "file not found", null).getMessage())
                .isEqualTo("t.yaml: file not found");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> YamlDocument.parse("deep.yaml", deep))
                .isInstanceOf(ParameterFileException.class)
                .hasMessageContaining("deep.yaml:1:")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void aliasBombIsRefusedAtTheFirstAlias() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> YamlDocument.parse("bomb.yaml", bomb.toString()))
                .isInstanceOf(ParameterFileException.class)
                .hasMessageContaining("bomb.yaml:2:")
                .hasMessageContaining("aliases");
    }

    @Test
    void oversizedTextIsRefused() {
        String big = "a: '" + "x".repeat(YamlDocument.MAX_FILE_CHARS) + "'\n";
        assertThatThrownBy(() -> YamlDocument.parse("big.yaml", big))
                .isInstanceOf(ParameterFileException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void pathHelpers() {
        assertThat(YamlDocument.parent("a.b[1].c")).isEqualTo("a.b[1]");
        assertThat(YamlDocument.parent("a.b[1]")).isEqualTo("a.b");
        assertThat(YamlDocument.parent("a")).isEmpty();
        assertThat(YamlDocument.join("", "a")).isEqualTo("a");
        assertThat(YamlDocument.join("a", "b")).isEqualTo("a.b");
    }
}
