package io.consulate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.consulate.http.HttpError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON the way Consul speaks it: PascalCase out (names come from {@code @JsonProperty} on wire records),
 * and in, keys matched case-insensitively with snake_case accepted ({@code deregister_critical_service_after}
 * finds {@code DeregisterCriticalServiceAfter}) and unknown keys ignored. Parsing is bounded: deep
 * nesting and huge strings are refused with a 400 instead of exhausting the server.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(64)
                    .build())
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new SnakeCaseAliases())
            .build();

    private Json() {}

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a request body; malformed or mistyped JSON is a 400 that says what was wrong. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw HttpError.badRequest("Request decode failed: " + describe(e));
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String describe(IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = msg.indexOf('\n');
        msg = nl >= 0 ? msg.substring(0, nl) : msg;
        return msg.length() > 200 ? msg.substring(0, 200) + "..." : msg;
    }

    /** Adds the snake_case spelling of every property as an accepted alias. */
    private static final class SnakeCaseAliases extends JacksonAnnotationIntrospector {
        @Override
        public List<PropertyName> findPropertyAliases(Annotated a) {
            List<PropertyName> base = super.findPropertyAliases(a);
            PropertyName name = findNameForDeserialization(a);
            if (name == null || name.getSimpleName().isEmpty()) {
                return base;
            }
            String snake = snake(name.getSimpleName());
            if (snake.equalsIgnoreCase(name.getSimpleName())) {
                return base;
            }
            List<PropertyName> out = base == null ? new ArrayList<>() : new ArrayList<>(base);
            out.add(PropertyName.construct(snake));
            return out;
        }

        static String snake(String pascal) {
            StringBuilder sb = new StringBuilder(pascal.length() + 8);
            for (int i = 0; i < pascal.length(); i++) {
                char c = pascal.charAt(i);
                boolean boundary = i > 0 && Character.isUpperCase(c)
                        && (Character.isLowerCase(pascal.charAt(i - 1))
                        || (i + 1 < pascal.length() && Character.isLowerCase(pascal.charAt(i + 1))));
                if (boundary) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            }
            return sb.toString();
        }
    }
}
