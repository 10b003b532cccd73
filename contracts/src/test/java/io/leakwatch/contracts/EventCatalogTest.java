package io.leakwatch.contracts;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.leakwatch.contracts.incident.IncidentReported;
import io.leakwatch.contracts.incident.ReportSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void namesEachEventAfterItsAreaAndRevision() {
        EventType type = EventCatalog.typeOf(IncidentReported.class);

        assertEquals("io.leakwatch.incident.IncidentReported", type.type());
        assertEquals("urn:leakwatch:schema:IncidentReported:1", type.dataschema());
        assertEquals(type, EventCatalog.byType(type.type()).orElseThrow());
    }

    @Test
    void everyCatalogTypeIsUniqueAndRoundTrips() {
        for (EventType type : EventCatalog.all()) {
            assertEquals(type, EventCatalog.byType(type.type()).orElseThrow());
        }
        assertEquals(
                EventCatalog.all().size(),
                EventCatalog.all().stream().map(EventType::type).distinct().count());
    }

    @Test
    void envelopeTakesSubjectFromTheIncident() {
        IncidentReported event = new IncidentReported(
                "inc-1",
                "t",
                new ReportSource("FORUM", null, null),
                1,
                null,
                Instant.EPOCH,
                List.of("ID"),
                Instant.EPOCH);

        CloudEvent<IncidentReported> envelope = CloudEvent.wrap("e-1", "/leakwatch/test", Instant.EPOCH, event);

        assertEquals("inc-1", envelope.subject());
        assertEquals("1.0", envelope.specversion());
        assertTrue(envelope.data().dataCategories().isEmpty());
    }

    @Test
    void everyIntegrationEventIsInTheCatalog() {
        List<Class<?>> events = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.leakwatch.contracts")
                        .stream()
                        .filter(javaClass ->
                                javaClass.isAssignableTo(IntegrationEvent.class) && !javaClass.isInterface())
                        .<Class<?>>map(JavaClass::reflect)
                        .toList();

        assertTrue(events.size() > 1);
        for (Class<?> event : events) {
            assertDoesNotThrow(() -> EventCatalog.typeOf(event), event.getName() + " is missing from the catalog");
        }
    }

    @Test
    void refusesAClassOutsideTheCatalog() {
        assertThrows(IllegalArgumentException.class, () -> EventCatalog.typeOf(String.class));
    }
}
