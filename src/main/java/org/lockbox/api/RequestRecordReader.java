package org.lockbox.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/** Reads a JSON request body into its {@link JsonRequest} record; anything but a JSON object is refused. */
@Provider
public class RequestRecordReader implements MessageBodyReader<Object> {

    @Context
    Providers providers;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.isAnnotationPresent(JsonRequest.class) && jsonReader(annotations, mediaType) != null;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        JsonValue json = jsonReader(annotations, mediaType).readFrom(JsonValue.class, JsonValue.class, annotations, mediaType, headers, entity);
        return RecordBinder.bind(json, type);
    }

    /** The reader of plain JSON values, so that a record body accepts exactly the media types and JSON they do. */
    private MessageBodyReader<JsonValue> jsonReader(Annotation[] annotations, MediaType mediaType) {
        return providers.getMessageBodyReader(JsonValue.class, JsonValue.class, annotations, mediaType);
    }
}
