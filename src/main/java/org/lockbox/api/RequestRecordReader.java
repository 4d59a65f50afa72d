package org.lockbox.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;

/** Reads a JSON request body into its {@link JsonRequest} record; anything but a JSON object is refused. */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class RequestRecordReader implements MessageBodyReader<Object> {

    @Context
    Providers providers;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.isAnnotationPresent(JsonRequest.class);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        JsonValue json = providers.getMessageBodyReader(JsonValue.class, JsonValue.class, annotations, mediaType)
                .readFrom(JsonValue.class, JsonValue.class, annotations, mediaType, headers, entity);
        return RecordBinder.bind(json, type);
    }
}
