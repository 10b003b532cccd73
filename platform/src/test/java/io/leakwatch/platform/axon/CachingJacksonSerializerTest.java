package io.leakwatch.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.contracts.incident.AwarenessRecorded;
import io.leakwatch.contracts.incident.IncidentDismissed;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CachingJacksonSerializerTest {

    private final CachingJacksonSerializer serializer =
            new CachingJacksonSerializer(JacksonSerializer.builder().objectMapper(AxonJson.mapper()));

    @Test
    void eachTypeReadsBackAsItselfAfterBothAreCached() {
        AwarenessRecorded awareness =
                new AwarenessRecorded("incident-1", Instant.parse("2021-05-20T10:00:00Z"), List.of("ID"));
        IncidentDismissed dismissal = new IncidentDismissed("incident-2", "not our data", Instant.EPOCH);
        SerializedObject<byte[]> first = serializer.serialize(awareness, byte[].class);
        SerializedObject<byte[]> second = serializer.serialize(dismissal, byte[].class);
        for (int round = 0; round < 2; round++) {
            assertThat((Object) serializer.deserialize(first)).isEqualTo(awareness);
            assertThat((Object) serializer.deserialize(second)).isEqualTo(dismissal);
        }
        assertThat(serializer.classForType(first.getType())).isEqualTo(AwarenessRecorded.class);
        assertThat(serializer.classForType(second.getType())).isEqualTo(IncidentDismissed.class);
    }

    @Test
    void metaDataReadsBackThroughTheSameCaches() {
        MetaData metaData = MetaData.with("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        SerializedObject<byte[]> serialized = serializer.serialize(metaData, byte[].class);
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(metaData);
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(metaData);
    }

    @Test
    void aTypeNoClassHasStaysUnknown() {
        SimpleSerializedType gone = new SimpleSerializedType("io.leakwatch.contracts.RemovedEvent", "1");
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(gone)).isEqualTo(UnknownSerializedType.class);
        assertThat((Object) serializer.deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class, gone)))
                .isInstanceOf(UnknownSerializedType.class);
    }
}
