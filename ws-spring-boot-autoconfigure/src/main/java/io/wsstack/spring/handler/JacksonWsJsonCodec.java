package io.wsstack.spring.handler;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** A {@link WsJsonCodec} on a Jackson 3 {@link JsonMapper}, normally the application's own. */
public final class JacksonWsJsonCodec implements WsJsonCodec {

    private final JsonMapper mapper;

    /** A codec using {@code mapper}'s modules and settings. */
    public JacksonWsJsonCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public JsonReader readerFor(Type type) {
        ObjectReader reader = mapper.readerFor(mapper.constructType(type));
        String typeName = type.getTypeName();
        return json -> {
            try {
                return reader.readValue(json);
            } catch (JacksonException ex) {
                // The reason goes to the peer in the close frame: name the type, never echo the payload.
                throw new WsMessageDecodingException("text message is not valid JSON for " + simpleName(typeName));
            }
        };
    }

    @Override
    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    private static String simpleName(String typeName) {
        int generic = typeName.indexOf('<');
        String raw = generic < 0 ? typeName : typeName.substring(0, generic);
        return raw.substring(raw.lastIndexOf('.') + 1).replace('$', '.');
    }
}
