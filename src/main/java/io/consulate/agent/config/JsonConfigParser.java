// SPDX-License-Identifier: Apache-2.0
package io.consulate.agent.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Consul JSON config file into the same plain tree {@link HclParser} produces: {@code Map<String,Object>}
 * of String, Long, Double, Boolean, List and Map values.
 *
 * <p>Follows Go's {@code encoding/json} as Consul uses it: the document must be one object (or nothing but
 * whitespace, which Consul treats as an empty source); a repeated member
 * keeps its last value; {@code null} members count as unset and are dropped. Unlike a general-purpose reader it
 * is strict about hostile input: nesting deeper than {@value HclParser#MAX_DEPTH} levels, trailing content, nulls
 * inside arrays and integers beyond 64 bits are errors. Every failure is a {@link ConfigException} carrying
 * {@code source:line:col}.
 */
final class JsonConfigParser {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(HclParser.MAX_DEPTH + 1)
                    .maxNumberLength(400)
                    .build())
            .build();

    private JsonConfigParser() {
    }

    /**
     * Parses a JSON document.
     *
     * @param text   the document
     * @param source how to name it in error messages (normally the file path)
     * @return the top-level object, in source order
     * @throws ConfigException with {@code source:line:col} when the text is not a valid JSON object
     */
    static Map<String, Object> parse(String text, String source) throws ConfigException {
        if (text.isBlank()) {
            return new LinkedHashMap<>(); // Consul skips a source with no data rather than failing
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw error(source, p.currentTokenLocation(),
                        first == null ? "empty document, expected a JSON object" : "top-level value must be an object");
            }
            Map<String, Object> root = object(p, source, 1);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw error(source, p.currentTokenLocation(), "unexpected content after the top-level object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw error(source, e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> object(JsonParser p, String source, int depth) throws IOException,
            ConfigException {
        checkDepth(p, source, depth);
        Map<String, Object> result = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Object value = value(p, v, source, depth);
            if (value == null) {
                result.remove(name);
            } else {
                result.put(name, value);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error(source, p.currentTokenLocation(), "malformed object");
        }
        return result;
    }

    private static List<Object> array(JsonParser p, String source, int depth) throws IOException, ConfigException {
        checkDepth(p, source, depth);
        List<Object> result = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw error(source, p.currentTokenLocation(), "unterminated array");
            }
            Object value = value(p, t, source, depth);
            if (value == null) {
                throw error(source, p.currentTokenLocation(), "null is not allowed inside an array");
            }
            result.add(value);
        }
        return result;
    }

    private static Object value(JsonParser p, JsonToken t, String source, int depth) throws IOException,
            ConfigException {
        if (t == null) {
            throw error(source, p.currentLocation(), "unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> object(p, source, depth + 1);
            case START_ARRAY -> array(p, source, depth + 1);
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw error(source, p.currentTokenLocation(), "integer out of range: " + p.getText());
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw error(source, p.currentTokenLocation(), "number out of range: " + p.getText());
                }
                yield d;
            }
            default -> throw error(source, p.currentTokenLocation(), "unexpected token " + t);
        };
    }

    private static void checkDepth(JsonParser p, String source, int depth) throws ConfigException {
        if (depth > HclParser.MAX_DEPTH) {
            throw error(source, p.currentTokenLocation(), "nesting deeper than " + HclParser.MAX_DEPTH + " levels");
        }
    }

    private static ConfigException error(String source, JsonLocation at, String message) {
        if (at == null || at.getLineNr() < 1) {
            return new ConfigException(source + ": " + message);
        }
        return new ConfigException(source + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + message);
    }
}
