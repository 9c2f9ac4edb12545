package io.backflush.core.param;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML parameter file read into a Jackson tree, with the line and column of every field, so
 * that a loader can say where in the file a bad value is. Shared by the machine and program file
 * loaders.
 *
 * <p>Field paths are written {@code chamber.freeVolumeMl} and {@code phases[1].cycles} (list
 * indices 0-based, as in the data). A path's location is that of its key (or, for a list element,
 * of the element).
 *
 * <p>Reading is bounded: at most {@value #MAX_FILE_CHARS} characters, nesting at most
 * {@value #MAX_NESTING_DEPTH} deep, one document. YAML aliases ({@code *name}) and tags with
 * binary payloads are refused (Jackson's YAML parser does not expand aliases, so there is no alias
 * bomb to defuse, but silently reading {@code *name} as the text "name" would be worse than an
 * error). Every problem, from a missing file to a value a record refuses, is reported as a
 * {@link ParameterFileException}.
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
    private static final ObjectMapper MAPPER = createMapper();
    private static final Pattern MISSING_CREATOR_PROPERTY =
            Pattern.compile("Missing required creator property '([^']*)'");

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

    /**
     * Binds a tree (this file's, or one derived from it with the same paths) to a type, strictly:
     * unknown fields, missing fields, nulls for numbers, fractions for whole numbers and text for
     * numbers are errors, as is anything the type's constructor refuses with an
     * {@link InvalidParameterException}.
     *
     * @throws ParameterFileException naming the field's path and its line
     */
    public <T> T bind(JsonNode tree, Class<T> type) {
        // Jackson reports unknown fields of a record only after its constructor has run, so a
        // misspelt field would show up as the correct one missing; look for them first.
        checkFields(tree, MAPPER.constructType(type), "");
        JsonParser parser = MAPPER.treeAsTokens(tree);
        try (parser) {
            return MAPPER.readValue(parser, type);
        } catch (ValueInstantiationException e) {
            String at = pathOf(e);
            Throwable cause = e.getCause();
            if (cause instanceof InvalidParameterException invalid) {
                return throwAt(join(at, invalid.field()), invalid.reason(), e);
            }
            return throwAt(at, cause != null && cause.getMessage() != null ? cause.getMessage()
                    : e.getOriginalMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            return throwAt(pathOf(e), unknownField(e.getPropertyName(), e.getKnownPropertyIds()), e);
        } catch (InvalidTypeIdException e) {
            String at = join(pathOf(e), "type");
            String known = String.join(", ", subtypeNames(e.getBaseType() == null ? null : e.getBaseType().getRawClass()));
            String reason = e.getTypeId() == null ? "is missing" : "unknown type '" + e.getTypeId() + "'";
            return throwAt(at, known.isEmpty() ? reason : reason + ": expected one of " + known, e);
        } catch (MismatchedInputException e) {
            String at = pathOf(e);
            Matcher missing = MISSING_CREATOR_PROPERTY.matcher(String.valueOf(e.getOriginalMessage()));
            if (missing.find()) {
                return throwAt(join(at, missing.group(1)), "is missing", e);
            }
            JsonNode given = nodeAt(tree, at);
            if (given == null || given.isNull()) {
                return throwAt(at, "is missing (no value given)", e);
            }
            return throwAt(at, "expected " + expected(e.getTargetType()) + ", got " + describe(given), e);
        } catch (JsonMappingException e) {
            return throwAt(pathOf(e), firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            // Raised while reading a value from the tree, e.g. a whole number too large for an int.
            return throwAt(pathOf(parser.getParsingContext()), firstLine(e.getOriginalMessage()), e);
        } catch (InvalidParameterException e) {
            return throwAt(e.field(), e.reason(), e);
        } catch (IOException e) {
            return throwAt(pathOf(parser.getParsingContext()), String.valueOf(e.getMessage()), e);
        }
    }

    /** Converts a value to a tree the way {@link #bind} reads it back. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * The candidate closest to a misspelt word, if one is close enough to be a likely typo
     * (case-insensitive edit distance at most a third of the word's length, and at least 1 allowed).
     */
    /**
     * The file a command-line argument names, if it is a valid path to something that exists
     * (used after looking the argument up as a built-in name).
     */
    public static Optional<java.nio.file.Path> existingFile(String nameOrPath) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(nameOrPath);
            return java.nio.file.Files.exists(file) ? Optional.of(file) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word == null) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** "unknown field 'x' (did you mean 'y'?); expected one of a, b, c". */
    public static String unknownField(String name, Collection<?> known) {
        TreeSet<String> names = new TreeSet<>();
        if (known != null) {
            for (Object id : known) {
                names.add(String.valueOf(id));
            }
        }
        StringBuilder reason = new StringBuilder("unknown field '").append(name).append('\'');
        closest(name, names).ifPresent(c -> reason.append(" (did you mean '").append(c).append("'?)"));
        if (!names.isEmpty()) {
            reason.append("; expected one of ").append(String.join(", ", names));
        }
        return reason.toString();
    }

    /** A file's name without directory and extension: the default name of what it describes. */
    public static String nameOf(String source) {
        String name = source;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.isEmpty() ? source : name;
    }

    /** The parent of a path: {@code a.b[1].c} → {@code a.b[1]} → {@code a.b} → {@code a} → "". */
    public static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Appends a field to a path. */
    public static String join(String path, String field) {
        if (field == null || field.isEmpty()) {
            return path;
        }
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    // ---------------------------------------------------------------------------------------------

    /** Reports the first field that the target type (records, lists, polymorphic blocks) lacks. */
    private void checkFields(JsonNode node, JavaType type, String path) {
        if (node == null || type == null) {
            return;
        }
        if (node.isArray() && (type.isCollectionLikeType() || type.isArrayType())) {
            for (int i = 0; i < node.size(); i++) {
                checkFields(node.get(i), type.getContentType(), path + "[" + i + "]");
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JavaType concrete = type;
        String typeProperty = null;
        JsonTypeInfo typeInfo = type.getRawClass().getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subtypes = type.getRawClass().getAnnotation(JsonSubTypes.class);
        if (typeInfo != null && subtypes != null) {
            typeProperty = typeInfo.property().isEmpty() ? "@type" : typeInfo.property();
            JsonNode id = node.get(typeProperty);
            concrete = null;
            for (JsonSubTypes.Type subtype : subtypes.value()) {
                if (id != null && id.isTextual() && subtype.name().equals(id.asText())) {
                    concrete = MAPPER.constructType(subtype.value());
                }
            }
            if (concrete == null) {
                return; // an unknown or missing type: bind() says so
            }
        }
        if (!concrete.isRecordType()) {
            return;
        }
        Map<String, JavaType> properties = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : MAPPER.getDeserializationConfig().introspect(concrete).findProperties()) {
            properties.put(property.getName(), property.getPrimaryType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String child = join(path, name);
            if (name.equals(typeProperty)) {
                continue;
            }
            if (!properties.containsKey(name)) {
                throw error(child, unknownField(name, typeProperty == null ? properties.keySet()
                        : concat(typeProperty, properties.keySet())));
            }
            checkFields(field.getValue(), properties.get(name), child);
        }
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private <T> T throwAt(String path, String reason, Throwable cause) {
        throw error(path, reason, cause);
    }

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
            if (number instanceof java.math.BigInteger big) {
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

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(0, "." + c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.add(0, "[" + c.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static JsonNode nodeAt(JsonNode tree, String path) {
        JsonNode node = tree;
        for (String part : path.split("\\.")) {
            if (part.isEmpty() || node == null) {
                continue;
            }
            int bracket = part.indexOf('[');
            String field = bracket < 0 ? part : part.substring(0, bracket);
            if (!field.isEmpty()) {
                node = node.get(field);
            }
            while (bracket >= 0 && node != null) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    return null;
                }
                try {
                    node = node.get(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames(type));
        }
        return "a mapping of fields";
    }

    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(String.valueOf(MAPPER.valueToTree(constant).asText()));
        }
        return names;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
        }
        return node.toString();
    }

    private static List<String> subtypeNames(Class<?> base) {
        List<String> names = new ArrayList<>();
        JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        if (subtypes != null) {
            for (JsonSubTypes.Type subtype : subtypes.value()) {
                names.add(subtype.name());
            }
        }
        return names;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
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

    private static ObjectMapper createMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
                .build();
    }
}
