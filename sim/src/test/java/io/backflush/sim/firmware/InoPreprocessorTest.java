package io.backflush.sim.firmware;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InoPreprocessorTest {
    static final String SKETCH = String.join("\n",
            "#include <Wire.h>",                       // 1
            "struct Point { int x; int f() { return x; } };", // 2
            "// void commented() {",                   // 3
            "const char *text = \"void str() {\";",    // 4
            "/* void blocked() { */",                  // 5
            "void setup() {",                          // 6
            "  helper(2);",                            // 7
            "}",
            "int Foo::bar() { return 1; }",
            "void helper(int a) { if (a) { } }",
            "static float twice(float x)",
            "{",
            "  return 2 * x;",
            "}",
            "void withDefault(int a = 3) { }",
            "template <class T> T id(T t) { return t; }",
            "ISR(TIMER1_COMPA_vect) { }",
            "auto lam = []() { return 1; };",
            "char *name() { return 0; }",
            "void IRAM_ATTR onPulse() { }",
            "int table[] = { 1, 2 };",
            "");

    @Test
    void makesAPrototypeForEachPlainFunctionAndNoneForTheRest() {
        List<String> prototypes = InoPreprocessor.scan(SKETCH).prototypes();
        assertThat(prototypes).containsExactly("void setup();", "void helper(int a);", "static float twice(float x);",
                "char *name();", "void IRAM_ATTR onPulse();");
    }

    @Test
    void insertsThePrototypesBeforeTheFirstFunctionAndKeepsTheLineNumbers() {
        Path main = Path.of("/sketches/demo/demo.ino");
        Path other = Path.of("/sketches/demo/more.ino");
        String unit = InoPreprocessor.translate(List.of(new InoPreprocessor.Source(main, SKETCH),
                new InoPreprocessor.Source(other, "int later(long v) { return (int) v; }\n")));
        List<String> lines = unit.lines().toList();
        assertThat(lines.get(0)).isEqualTo("#include <Arduino.h>");
        assertThat(lines.get(1)).isEqualTo("#line 1 \"/sketches/demo/demo.ino\"");
        // lines 1-5 of the sketch, then the prototypes (of both files) under the first definition's line number
        assertThat(lines.subList(2, 7)).isEqualTo(SKETCH.lines().toList().subList(0, 5));
        assertThat(lines.get(7)).isEqualTo("#line 6 \"/sketches/demo/demo.ino\"");
        assertThat(lines.subList(8, 14)).containsExactly("void setup();", "void helper(int a);", "static float twice(float x);",
                "char *name();", "void IRAM_ATTR onPulse();", "int later(long v);");
        assertThat(lines.get(14)).isEqualTo("#line 6 \"/sketches/demo/demo.ino\"");
        assertThat(lines.get(15)).isEqualTo("void setup() {");
        assertThat(unit).contains("#line 1 \"/sketches/demo/more.ino\"\nint later(long v) { return (int) v; }\n");
    }

    @Test
    void aDefinitionThatStartsMidLineAfterACommentGetsItsPrototypesOutsideTheComment() {
        String unit = InoPreprocessor.translate(List.of(new InoPreprocessor.Source(Path.of("m.ino"), "/* a\n b */ void f() { }\n")));
        assertThat(unit).isEqualTo("#include <Arduino.h>\n#line 1 \"m.ino\"\n/* a\n b */ \n#line 2 \"m.ino\"\nvoid f();\n"
                + "#line 2 \"m.ino\"\nvoid f() { }\n");
    }

    @Test
    void aSketchWithoutFunctionsIsOnlyPrefixed() {
        String unit = InoPreprocessor.translate(List.of(new InoPreprocessor.Source(Path.of("a.ino"), "int x = 1;")));
        assertThat(unit).isEqualTo("#include <Arduino.h>\n#line 1 \"a.ino\"\nint x = 1;\n");
    }
}
