package org.lockbox.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Binds a JSON object into a {@link JsonRequest} record: each component is read by its JSON name with the
 * type checks of {@link JsonFields}, lists with the messages of their {@link JsonList}; absent and null fields
 * are null; a {@code JsonValue} component is passed on unread for the record's own rules.
 */
public final class RecordBinder {

    private RecordBinder() {
    }

    /** The body bound into the record; anything but a JSON object (nothing, an array, a scalar) is refused. */
    public static <T> T bind(JsonValue body, Class<T> type) {
        return bind(JsonFields.requireObject(body), type);
    }

    public static <T> T bind(JsonObject body, Class<T> type) {
        JsonRequest request = type.getAnnotation(JsonRequest.class);
        if (request == null || !type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a request record");
        }
        RecordComponent[] components = type.getRecordComponents();
        if (!request.unknownField().isEmpty()) {
            var known = Arrays.stream(components).map(RecordBinder::jsonName).toList();
            body.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
                throw ApiException.badRequest(String.format(Locale.ROOT, request.unknownField(), name));
            });
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = read(body, components[i]);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw new IllegalStateException("Cannot build " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getName(), e);
        }
    }

    /** The component's name in JSON: its {@code @JsonbProperty}, else its name in snake_case, as JSON-B writes it. */
    static String jsonName(RecordComponent component) {
        JsonbProperty property = field(component).getAnnotation(JsonbProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object read(JsonObject body, RecordComponent component) {
        String name = jsonName(component);
        Class<?> type = component.getType();
        if (type == String.class) {
            Schema schema = field(component).getAnnotation(Schema.class);
            return JsonFields.string(body, name, schema == null ? Integer.MAX_VALUE : schema.maxLength());
        }
        if (type == Integer.class) {
            return JsonFields.integer(body, name);
        }
        if (type == Boolean.class) {
            return JsonFields.bool(body, name);
        }
        if (type == JsonObject.class) {
            return JsonFields.object(body, name);
        }
        if (type == JsonValue.class) {
            JsonValue value = body.get(name);
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
        }
        if (type.isAnnotationPresent(JsonRequest.class)) {
            JsonObject nested = JsonFields.object(body, name);
            return nested == null ? null : bind(nested, type);
        }
        if (type == List.class) {
            return list(body.get(name), component);
        }
        throw new IllegalStateException("No JSON binding for " + type.getName() + " in " + component);
    }

    /** A list of strings or of request records, with the messages its {@link JsonList} gives. */
    private static List<Object> list(JsonValue value, RecordComponent component) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonList messages = field(component).getAnnotation(JsonList.class);
        Class<?> entryType = (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
        if (messages == null || (entryType != String.class && !entryType.isAnnotationPresent(JsonRequest.class))) {
            throw new IllegalStateException("No JSON binding for " + component);
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiException.badRequest(messages.notAList());
        }
        List<Object> entries = new ArrayList<>();
        for (JsonValue entry : array) {
            if (entryType == String.class && entry instanceof JsonString text) {
                entries.add(text.getString());
            } else if (entryType != String.class && entry instanceof JsonObject object) {
                entries.add(bind(object, entryType));
            } else {
                throw ApiException.badRequest(messages.badEntry());
            }
        }
        return entries;
    }

    private static java.lang.reflect.Field field(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
