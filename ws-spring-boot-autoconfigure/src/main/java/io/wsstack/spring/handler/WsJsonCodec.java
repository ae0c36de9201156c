package io.wsstack.spring.handler;

import java.lang.reflect.Type;

/**
 * Turns JSON text into the objects {@code @WsHandler} methods take, and their returned objects
 * into JSON text. The starter provides one backed by the application's Jackson mapper; without
 * Jackson there is none, and methods that take or return other types than {@code String} and
 * bytes fail startup.
 */
public interface WsJsonCodec {

    /**
     * A reader for one parameter type, prepared once at startup so that decoding a message does no
     * type lookups. Its {@link JsonReader#read} throws {@link WsMessageDecodingException} for text
     * that is not valid JSON of that type.
     */
    JsonReader readerFor(Type type);

    /** The JSON text of {@code value}. */
    String write(Object value);

    /** Decodes JSON text into one prepared type. */
    @FunctionalInterface
    interface JsonReader {

        /** The decoded value. */
        Object read(String json);
    }
}
