package io.backflush.core.param;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One YAML parameter file read into a Jackson tree, with the line and column of every field, so
 * that a loader can say where in the file a bad value is: the YAML layer under {@link
 * ParameterFiles}, which maps the tree to a record with {@link RecordBinder}. It does only what
 * Jackson's YAML reader does not: it records locations, refuses aliases, tags, duplicate fields
 * and a second document, reads {@code .inf} and {@code .nan} as numbers, and bounds what it reads.
 *
 * <p>Field paths are written {@code chamber.freeVolumeMl} and {@code phases[1].cycles} (list
 * indices 0-based, as in the data). A path's location is that of its key (or, for a list element,
 * of the element).
 *
 * <p>Reading is bounded: at most {@value #MAX_FILE_CHARS} characters, nesting at most
 * {@value #MAX_NESTING_DEPTH} deep, one document. YAML aliases ({@code *name}) and tags with
 * binary payloads are refused (Jackson's YAML parser does not expand aliases, so there is no alias
 * bomb to defuse, but silently reading {@code *name} as the text "name" would be worse than an
 * error). Every problem, from a missing file to malformed YAML, is reported as a
 * {@link ParameterFileException}; {@link #error} makes one located at a field for the layers above.
 */
public final class YamlDocument {
    /** Largest file accepted, in characters (and in bytes when read from disk). */
    public static final int MAX_FILE_CHARS = 1 << 20;
    /** Deepest nesting of mappings and lists accepted. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** A 1-based line and column in the file. */
    public record Location(int line, int column) {
    }

    private static final Location START = new Location(1, 1);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = createYamlFactory();

    private final String source;
    private final ObjectNode root;
    private final Map<String, Location> locations;

    private YamlDocument(String source, ObjectNode root, Map<String, Location> locations) {
        this.source = source;
        this.root = root;
        this.locations = locations;
    }

    /**
     * Reads a file. The source named in error messages is {@code file} as given.
     *
     * @throws ParameterFileException if the file cannot be read, is not UTF-8, is too large, is
     *                                not YAML, is empty or its top level is not a mapping
     */
    public static YamlDocument read(Path file) {
        String source = String.valueOf(file);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw problem(source, "is a directory, not a file");
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_CHARS) {
                throw problem(source, "is larger than " + MAX_FILE_CHARS + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ParameterFileException(source, "", 0, 0, "file not found", e);
        } catch (IOException | SecurityException e) {
            throw new ParameterFileException(source, "", 0, 0, "cannot read the file: " + e, e);
        }
        if (bytes.length > MAX_FILE_CHARS) {
            throw problem(source, "is larger than " + MAX_FILE_CHARS + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParameterFileException(source, "", 0, 0, "is not UTF-8 text", e);
        }
        return parse(source, text);
    }

    /**
     * Parses YAML text.
     *
     * @param source the name used in error messages (usually the file's path)
     * @throws ParameterFileException if the text is not YAML, is empty or its top level is not a
     *                                mapping
     */
    public static YamlDocument parse(String source, String text) {
        if (text.length() > MAX_FILE_CHARS) {
            throw problem(source, "is larger than " + MAX_FILE_CHARS + " characters");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Map<String, Location> locations = new HashMap<>();
        JsonParser parser;
        try {
            parser = YAML.createParser(text);
        } catch (IOException e) {
            throw malformed(source, e, null);
        }
        try (parser) {
            JsonToken first = next(source, parser);
            if (first == null || first == JsonToken.VALUE_NULL) {
                throw new ParameterFileException(source, "", 0, 0,
                        "the file is empty: expected a mapping of fields", null);
            }
            Location rootLocation = location(parser);
            if (first != JsonToken.START_OBJECT) {
                throw new ParameterFileException(source, "", rootLocation.line(), rootLocation.column(),
                        "expected a mapping of fields (name: value) at the top level, got "
                                + (first == JsonToken.START_ARRAY ? "a list" : "a single value"), null);
            }
            locations.put("", rootLocation);
            ObjectNode root = (ObjectNode) readValue(source, parser, "", locations);
            JsonToken after = next(source, parser);
            if (after != null) {
                Location extra = location(parser);
                throw new ParameterFileException(source, "", extra.line(), extra.column(),
                        "expected one YAML document, found more (remove the second '---')", null);
            }
            return new YamlDocument(source, root, locations);
        } catch (IOException e) {
            throw malformed(source, e, parser);
        }
    }

    /** The name used in error messages. */
    public String source() {
        return source;
    }

    /** A fresh copy of the file's top-level mapping. */
    public ObjectNode root() {
        return root.deepCopy();
    }

    /** Whether the file itself contains the path (as opposed to a value coming from elsewhere). */
    public boolean contains(String path) {
        return locations.containsKey(path);
    }

    /**
     * Where the path is in the file: its own key if the file contains it, else the nearest
     * enclosing field that the file contains, else the start of the file.
     */
    public Location locate(String path) {
        String p = path == null ? "" : path;
        while (true) {
            Location location = locations.get(p);
            if (location != null) {
                return location;
            }
            if (p.isEmpty()) {
                return START;
            }
            p = parent(p);
        }
    }

    /** A problem at the path, located in this file. */
    public ParameterFileException error(String path, String reason) {
        return error(path, reason, null);
    }

    /** A problem at the path, located in this file. */
    public ParameterFileException error(String path, String reason, Throwable cause) {
        Location location = locate(path);
        return new ParameterFileException(source, path, location.line(), location.column(), reason, cause);
    }

    /** The parent of a path: {@code a.b[1].c} → {@code a.b[1]} → {@code a.b} → {@code a} → "". */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Appends a field to a path. */
    static String join(String path, String field) {
        if (field == null || field.isEmpty()) {
            return path;
        }
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    // ---------------------------------------------------------------------------------------------

    private static ParameterFileException problem(String source, String reason) {
        return new ParameterFileException(source, "", 0, 0, reason, null);
    }

    private static JsonToken next(String source, JsonParser parser) throws IOException {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML's own exceptions that Jackson does not wrap.
            Location at = safeLocation(parser);
            throw new ParameterFileException(source, "", at.line(), at.column(),
                    "malformed YAML: " + firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static JsonNode readValue(String source, JsonParser parser, String path,
                                      Map<String, Location> locations) throws IOException {
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            Location at = location(parser);
            throw new ParameterFileException(source, path, at.line(), at.column(),
                    "YAML aliases (*" + parser.getText() + ") are not supported: write the value out", null);
        }
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken t;
                while ((t = next(source, parser)) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = join(path, name);
                    Location at = location(parser);
                    if (object.has(name)) {
                        Location first = locations.get(child);
                        throw new ParameterFileException(source, child, at.line(), at.column(),
                                "duplicate field '" + name + "'"
                                        + (first == null ? "" : " (first given at line " + first.line() + ")"), null);
                    }
                    locations.put(child, at);
                    next(source, parser);
                    object.set(name, readValue(source, parser, child, locations));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw unexpectedEnd(source, parser, path);
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken t;
                int index = 0;
                while ((t = next(source, parser)) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw unexpectedEnd(source, parser, path);
                    }
                    String child = path + "[" + index + "]";
                    locations.put(child, location(parser));
                    array.add(readValue(source, parser, child, locations));
                    index++;
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return readInteger(source, parser, path);
            case VALUE_NUMBER_FLOAT:
                return readFloat(source, parser, path);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default: {
                Location at = location(parser);
                throw new ParameterFileException(source, path, at.line(), at.column(),
                        "binary or tagged values are not supported", null);
            }
        }
    }

    private static JsonNode readInteger(String source, JsonParser parser, String path) throws IOException {
        try {
            Number number = parser.getNumberValue();
            if (number instanceof BigInteger big) {
                return NODES.numberNode(big);
            }
            return NODES.numberNode(number.longValue());
        } catch (IOException | RuntimeException e) {
            Location at = location(parser);
            throw new ParameterFileException(source, path, at.line(), at.column(),
                    "not a number: '" + parser.getText() + "'", e);
        }
    }

    private static JsonNode readFloat(String source, JsonParser parser, String path) throws IOException {
        String text = parser.getText();
        String bare = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (bare.equalsIgnoreCase(".nan")) {
            return NODES.numberNode(Double.NaN);
        }
        if (bare.equalsIgnoreCase(".inf")) {
            return NODES.numberNode(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        try {
            return NODES.numberNode(parser.getDoubleValue());
        } catch (IOException | RuntimeException e) {
            Location at = location(parser);
            throw new ParameterFileException(source, path, at.line(), at.column(),
                    "not a number: '" + text + "'", e);
        }
    }

    private static ParameterFileException unexpectedEnd(String source, JsonParser parser, String path) {
        Location at = safeLocation(parser);
        return new ParameterFileException(source, path, at.line(), at.column(), "malformed YAML: unexpected end", null);
    }

    private static ParameterFileException malformed(String source, IOException e, JsonParser parser) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String problem = yaml.getProblem() == null ? "" : yaml.getProblem();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new ParameterFileException(source, "", mark.getLine() + 1, mark.getColumn() + 1,
                    "malformed YAML: " + context + problem, e);
        }
        Location at = null;
        if (e instanceof JsonProcessingException processing && processing.getLocation() != null
                && processing.getLocation().getLineNr() > 0) {
            at = new Location(processing.getLocation().getLineNr(), Math.max(0, processing.getLocation().getColumnNr()));
        } else if (parser != null) {
            at = safeLocation(parser);
        }
        String message = firstLine(e instanceof JsonProcessingException processing
                ? processing.getOriginalMessage() : e.getMessage());
        String reason = e instanceof StreamConstraintsException
                ? "exceeds a limit of this reader: " + message
                : "malformed YAML: " + message;
        return new ParameterFileException(source, "", at == null ? 0 : at.line(), at == null ? 0 : at.column(),
                reason, e);
    }

    private static Location location(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Location(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static Location safeLocation(JsonParser parser) {
        try {
            return location(parser);
        } catch (RuntimeException e) {
            return START;
        }
    }

    /** The first line of a message, trimmed ("" for null). */
    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static YAMLFactory createYamlFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_FILE_CHARS * 2);
        loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loader.setMaxAliasesForCollections(0);
        loader.setAllowDuplicateKeys(false);
        loader.setProcessComments(false);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxDocumentLength(MAX_FILE_CHARS * 2L)
                        .maxNumberLength(100)
                        .maxStringLength(MAX_FILE_CHARS)
                        .maxNameLength(10_000)
                        .build())
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                // Duplicates are reported by readValue, with the field's path and both lines.
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
