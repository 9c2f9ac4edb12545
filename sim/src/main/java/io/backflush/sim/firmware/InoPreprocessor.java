package io.backflush.sim.firmware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a sketch's {@code .ino} files into one C++ translation unit, as the Arduino build
 * process documents it: the files concatenated (the main one first, then the others in
 * alphabetical order), {@code #include <Arduino.h>} in front, and a prototype for every function
 * the files define, inserted before the first function definition, so a sketch may call a
 * function above the place it is defined. {@code #line} directives keep compiler messages
 * pointing at the {@code .ino} file and line.
 *
 * <p>A prototype is made for a definition at file scope of the form {@code type name(params) {}}.
 * Not for: member functions ({@code Class::name}), templates, functions with default arguments
 * (they must be declared before use, as in plain C++), operators, and definitions whose
 * declarator holds parentheses of its own ({@code __attribute__((...))}). Like the Arduino
 * builder's, the prototypes stand where the first function is, so a type they use must be
 * declared above it. Raw string literals are not understood.
 */
public final class InoPreprocessor {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> NOT_A_NAME = Set.of("if", "for", "while", "switch", "catch", "return", "sizeof",
            "do", "else", "case", "new", "delete", "throw", "decltype", "alignof", "static_assert");
    private static final Set<String> NOT_A_FUNCTION_START = Set.of("class", "struct", "union", "enum", "namespace",
            "template", "typedef", "using", "extern");

    private InoPreprocessor() {
    }

    /** One source file's path (as compiler messages should name it) and text. */
    public record Source(Path path, String text) {
    }

    /** What a file defines: its prototypes, and where the first definition starts (-1: none). */
    record Scan(List<String> prototypes, int firstDefinitionOffset) {
    }

    /** The translation unit for {@code files} (main file first). */
    public static String translate(List<Source> files) {
        List<String> prototypes = new ArrayList<>();
        List<Scan> scans = new ArrayList<>();
        int insertInto = -1;
        for (int i = 0; i < files.size(); i++) {
            Scan scan = scan(files.get(i).text());
            scans.add(scan);
            prototypes.addAll(scan.prototypes());
            if (insertInto < 0 && scan.firstDefinitionOffset() >= 0) {
                insertInto = i;
            }
        }
        StringBuilder out = new StringBuilder("#include <Arduino.h>\n");
        for (int i = 0; i < files.size(); i++) {
            Source f = files.get(i);
            String text = f.text().endsWith("\n") ? f.text() : f.text() + "\n";
            String name = quote(f.path());
            out.append("#line 1 ").append(name).append('\n');
            if (i != insertInto || prototypes.isEmpty()) {
                out.append(text);
                continue;
            }
            int at = scans.get(i).firstDefinitionOffset();
            int line = 1 + count(text, at);
            out.append(text, 0, at);
            if (at > 0 && text.charAt(at - 1) != '\n') {
                out.append('\n'); // the definition starts mid-line (after a comment or a declaration)
            }
            out.append("#line ").append(line).append(' ').append(name).append('\n');
            for (String p : prototypes) {
                out.append(p).append('\n');
            }
            out.append("#line ").append(line).append(' ').append(name).append('\n');
            out.append(text, at, text.length());
        }
        return out.toString();
    }

    private static String quote(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int count(String text, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Finds the function definitions at file scope: the text since the last statement end, closing
     * brace or preprocessor line that stands before a {@code {} at depth 0, with comments blanked.
     */
    static Scan scan(String src) {
        List<String> prototypes = new ArrayList<>();
        int first = -1;
        StringBuilder chunk = new StringBuilder();
        int codeStart = -1; // where the chunk's first code character is
        int depth = 0;
        boolean lineStart = true;
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            char next = i + 1 < n ? src.charAt(i + 1) : 0;
            if (c == '/' && next == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                if (depth == 0) {
                    chunk.append(' ');
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                int start = i;
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                if (depth == 0) {
                    codeStart = codeStart < 0 ? start : codeStart;
                    chunk.append(src, start, i);
                }
                lineStart = false;
                continue;
            }
            if (c == '#' && lineStart) {
                while (i < n && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' && i + 1 < n ? 2 : 1;
                }
                if (depth == 0) {
                    chunk.setLength(0);
                    codeStart = -1;
                }
                continue;
            }
            if (c == '\n') {
                lineStart = true;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                lineStart = false;
            }
            if (c == '{') {
                if (depth == 0) {
                    String header = chunk.toString().replaceAll("\\s+", " ").trim();
                    String prototype = prototype(header);
                    if (prototype != null) {
                        prototypes.add(prototype);
                        if (first < 0) {
                            first = codeStart;
                        }
                    }
                }
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                if (depth == 0) {
                    chunk.setLength(0);
                    codeStart = -1;
                }
            } else if (depth == 0) {
                if (c == ';') {
                    chunk.setLength(0);
                    codeStart = -1;
                } else {
                    if (codeStart < 0 && !Character.isWhitespace(c)) {
                        codeStart = i;
                    }
                    chunk.append(c);
                }
            }
            i++;
        }
        return new Scan(prototypes, first);
    }

    /** The prototype for a definition's header, or null when it is not a function that gets one. */
    static String prototype(String header) {
        String h = header;
        if (h.endsWith(" noexcept")) {
            h = h.substring(0, h.length() - " noexcept".length()).trim();
        }
        if (!h.endsWith(")")) {
            return null;
        }
        int close = h.length() - 1;
        int level = 0;
        int open = -1;
        for (int k = close; k >= 0; k--) {
            char c = h.charAt(k);
            if (c == ')') {
                level++;
            } else if (c == '(') {
                level--;
                if (level == 0) {
                    open = k;
                    break;
                }
            }
        }
        if (open <= 0) {
            return null;
        }
        String params = h.substring(open + 1, close);
        String head = h.substring(0, open).trim();
        if (params.contains("=") || params.contains("{") || head.contains("(") || head.contains(")")
                || head.contains("=") || head.contains("[")) {
            return null;
        }
        int space = Math.max(head.lastIndexOf(' '), Math.max(head.lastIndexOf('*'), head.lastIndexOf('&')));
        if (space < 0) {
            return null; // no return type: a macro such as ISR(vector)
        }
        String name = head.substring(space + 1);
        String type = head.substring(0, space + 1).trim();
        if (type.isEmpty() || !IDENTIFIER.matcher(name).matches() || NOT_A_NAME.contains(name)
                || type.endsWith("::") || name.equals("operator")) {
            return null;
        }
        String firstWord = type.split("[ *&<]", 2)[0];
        if (NOT_A_FUNCTION_START.contains(firstWord)) {
            return null;
        }
        return header + ";";
    }
}
