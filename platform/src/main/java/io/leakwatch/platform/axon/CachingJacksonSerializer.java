package io.leakwatch.platform.axon;

import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer with the class of each stored type name and the reader of each class looked up once.
 * Axon resolves the class by name (through {@code Class.forName}) three times per event read from the store (payload
 * type, payload, metadata) and builds a new reader for each: about a tenth of a replay's time in the JFR of
 * {@code infra/bench/replay.sh} (docs/BENCHMARKS.md). A service has a few dozen event types, so the maps stay small.
 */
final class CachingJacksonSerializer extends JacksonSerializer {

    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    CachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(type, super::classForType);
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
