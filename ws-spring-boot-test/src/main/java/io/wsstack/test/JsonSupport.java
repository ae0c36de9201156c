package io.wsstack.test;

import org.springframework.util.ClassUtils;

/**
 * JSON for {@code sendJson} and {@code expectJson}: Jackson 3, with the application's own
 * {@code JsonMapper} when the test runs in a Spring context that has one. Without Jackson on the
 * classpath those two steps fail with a message saying so; the rest still works.
 */
abstract class JsonSupport {

    private static final boolean JACKSON = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper",
            JsonSupport.class.getClassLoader());

    abstract String write(Object value);

    abstract <T> T read(String text, Class<T> type);

    /** Jackson with {@code mapper} (a {@code JsonMapper}, or {@code null} for the shared one), or none. */
    static JsonSupport detect(Object mapper) {
        return JACKSON ? new Jackson(mapper) : new Missing();
    }

    private static final class Jackson extends JsonSupport {
        private final tools.jackson.databind.json.JsonMapper mapper;

        Jackson(Object mapper) {
            this.mapper = mapper instanceof tools.jackson.databind.json.JsonMapper m ? m
                    : tools.jackson.databind.json.JsonMapper.shared();
        }

        @Override
        String write(Object value) {
            return mapper.writeValueAsString(value);
        }

        @Override
        <T> T read(String text, Class<T> type) {
            return mapper.readValue(text, type);
        }
    }

    private static final class Missing extends JsonSupport {
        @Override
        String write(Object value) {
            throw new AssertionError("sendJson needs Jackson 3 (tools.jackson.core:jackson-databind) on the test classpath");
        }

        @Override
        <T> T read(String text, Class<T> type) {
            throw new AssertionError("expectJson needs Jackson 3 (tools.jackson.core:jackson-databind) on the test classpath");
        }
    }
}
