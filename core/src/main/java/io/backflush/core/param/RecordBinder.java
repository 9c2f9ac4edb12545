package io.backflush.core.param;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a parameter file's tree to a record with Jackson, strictly, and turns whatever Jackson or
 * the record refuses into a {@link ParameterFileException} located at the field in the file:
 * unknown fields (with the likely intended name), missing fields, nulls for numbers, fractions for
 * whole numbers, text for numbers, unknown subtypes, and anything a record's constructor refuses
 * with an {@link InvalidParameterException}.
 *
 * <p>Polymorphic blocks (the pump, the basket) are declared on the parameter records with Jackson's
 * own {@code @JsonTypeInfo} and {@code @JsonSubTypes}; this class asks Jackson's type resolution
 * for the property name, the subtype of an id and the known ids, so a subtype added there is known
 * here too.
 */
public final class RecordBinder {
    private static final ObjectMapper MAPPER = createMapper();
    private static final DeserializationConfig CONFIG = MAPPER.getDeserializationConfig();
    /** A context for Jackson's type-id resolution outside a parse. */
    private static final DatabindContext CONTEXT =
            ((DefaultDeserializationContext) MAPPER.getDeserializationContext()).createDummyInstance(CONFIG);
    private static final Pattern MISSING_CREATOR_PROPERTY =
            Pattern.compile("Missing required creator property '([^']*)'");

    private RecordBinder() {
    }

    /**
     * Binds a tree (the document's, or one derived from it with the same paths) to a type.
     *
     * @throws ParameterFileException naming the field's path and its place in the document
     */
    public static <T> T bind(YamlDocument document, JsonNode tree, Class<T> type) {
        // Jackson reports unknown fields of a record only after its constructor has run, so a
        // misspelt field would show up as the correct one missing; look for them first.
        checkFields(document, tree, MAPPER.constructType(type), "");
        JsonParser parser = MAPPER.treeAsTokens(tree);
        try (parser) {
            return MAPPER.readValue(parser, type);
        } catch (ValueInstantiationException e) {
            String at = pathOf(e);
            Throwable cause = e.getCause();
            if (cause instanceof InvalidParameterException invalid) {
                throw document.error(YamlDocument.join(at, invalid.field()), invalid.reason(), e);
            }
            throw document.error(at, cause != null && cause.getMessage() != null ? cause.getMessage()
                    : e.getOriginalMessage(), e);
        } catch (UnrecognizedPropertyException e) {
            throw document.error(pathOf(e), unknownField(e.getPropertyName(), e.getKnownPropertyIds()), e);
        } catch (InvalidTypeIdException e) {
            String at = YamlDocument.join(pathOf(e), "type");
            String known = String.join(", ", typeIds(e.getBaseType()));
            String reason = e.getTypeId() == null ? "is missing" : "unknown type '" + e.getTypeId() + "'";
            throw document.error(at, known.isEmpty() ? reason : reason + ": expected one of " + known, e);
        } catch (MismatchedInputException e) {
            String at = pathOf(e);
            Matcher missing = MISSING_CREATOR_PROPERTY.matcher(String.valueOf(e.getOriginalMessage()));
            if (missing.find()) {
                throw document.error(YamlDocument.join(at, missing.group(1)), "is missing", e);
            }
            JsonNode given = nodeAt(tree, at);
            if (given == null || given.isNull()) {
                throw document.error(at, "is missing (no value given)", e);
            }
            throw document.error(at, "expected " + expected(e.getTargetType()) + ", got " + describe(given), e);
        } catch (JsonMappingException e) {
            throw document.error(pathOf(e), YamlDocument.firstLine(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            // Raised while reading a value from the tree, e.g. a whole number too large for an int.
            throw document.error(pathOf(parser.getParsingContext()), YamlDocument.firstLine(e.getOriginalMessage()), e);
        } catch (InvalidParameterException e) {
            throw document.error(e.field(), e.reason(), e);
        } catch (IOException e) {
            throw document.error(pathOf(parser.getParsingContext()), String.valueOf(e.getMessage()), e);
        }
    }

    /** Converts a value to a tree the way {@link #bind} reads it back. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Refuses a list entry left empty ({@code -} alone on a line), which Jackson would read as a
     * null element: "phases[1]: is an empty entry: expected a phase".
     *
     * @param listPath the list's path in the tree, e.g. {@code phases}
     * @param entry    what an entry is, for the message, e.g. "a phase"
     */
    public static void refuseEmptyEntries(YamlDocument document, JsonNode tree, String listPath, String entry) {
        JsonNode list = nodeAt(tree, listPath);
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isNull()) {
                throw document.error(listPath + "[" + i + "]", "is an empty entry: expected " + entry);
            }
        }
    }

    /** "unknown field 'x' (did you mean 'y'?); expected one of a, b, c". */
    static String unknownField(String name, Collection<?> known) {
        TreeSet<String> names = new TreeSet<>();
        if (known != null) {
            for (Object id : known) {
                names.add(String.valueOf(id));
            }
        }
        StringBuilder reason = new StringBuilder("unknown field '").append(name).append('\'')
                .append(Spelling.didYouMean(name, names));
        if (!names.isEmpty()) {
            reason.append("; expected one of ").append(String.join(", ", names));
        }
        return reason.toString();
    }

    // ---------------------------------------------------------------------------------------------

    /** Reports the first field that the target type (records, lists, polymorphic blocks) lacks. */
    private static void checkFields(YamlDocument document, JsonNode node, JavaType type, String path) {
        if (node == null || type == null) {
            return;
        }
        if (node.isArray() && (type.isCollectionLikeType() || type.isArrayType())) {
            for (int i = 0; i < node.size(); i++) {
                checkFields(document, node.get(i), type.getContentType(), path + "[" + i + "]");
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JavaType concrete = type;
        String typeProperty = null;
        TypeDeserializer polymorphic = typeDeserializer(type);
        if (polymorphic != null) {
            typeProperty = polymorphic.getPropertyName();
            JsonNode id = node.get(typeProperty);
            concrete = id != null && id.isTextual() ? subtype(polymorphic, id.asText()) : null;
            if (concrete == null) {
                return; // an unknown or missing type: bind() says so
            }
        }
        if (!concrete.isRecordType()) {
            return;
        }
        Map<String, JavaType> properties = new LinkedHashMap<>();
        for (BeanPropertyDefinition property : CONFIG.introspect(concrete).findProperties()) {
            properties.put(property.getName(), property.getPrimaryType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String child = YamlDocument.join(path, name);
            if (name.equals(typeProperty)) {
                continue;
            }
            if (!properties.containsKey(name)) {
                List<String> known = new ArrayList<>(properties.keySet());
                if (typeProperty != null) {
                    known.add(typeProperty);
                }
                throw document.error(child, unknownField(name, known));
            }
            checkFields(document, field.getValue(), properties.get(name), child);
        }
    }

    /** Jackson's type deserializer for a polymorphic type, or null for a plain one. */
    private static TypeDeserializer typeDeserializer(JavaType type) {
        try {
            return CONFIG.findTypeDeserializer(type);
        } catch (JsonMappingException e) {
            return null; // a badly declared type: binding reports it
        }
    }

    private static JavaType subtype(TypeDeserializer polymorphic, String id) {
        try {
            return polymorphic.getTypeIdResolver().typeFromId(CONTEXT, id);
        } catch (IOException e) {
            return null;
        }
    }

    /** The type ids of a polymorphic type's subtypes, in the order they are declared. */
    private static List<String> typeIds(JavaType base) {
        List<String> ids = new ArrayList<>();
        if (base != null) {
            for (NamedType subtype : CONFIG.getSubtypeResolver().collectAndResolveSubtypesByTypeId(CONFIG,
                    CONFIG.introspectClassAnnotations(base).getClassInfo())) {
                if (subtype.hasName()) {
                    ids.add(subtype.getName());
                }
            }
        }
        return ids;
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
