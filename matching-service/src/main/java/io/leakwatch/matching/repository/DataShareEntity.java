package io.leakwatch.matching.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.leakwatch.platform.axon.AxonJson;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A place the registry's data goes (DESIGN.md "Data shares"): its columns and the canary set seeded into it. */
@Entity
@Table(name = "data_share")
public class DataShareEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String description;

    public String recipient;

    /** The column names as a JSON array. Note: text, as Hibernate Reactive reads a JSON column as an object only. */
    @Column(name = "columns")
    public String columnsJson;

    @Column(name = "canary_set")
    public String canarySet;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> columns() {
        try {
            return AxonJson.mapper().readValue(columnsJson, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored column list cannot be read", e);
        }
    }

    public void columns(List<String> columns) {
        try {
            columnsJson = AxonJson.mapper().writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A column list cannot be written", e);
        }
    }
}
