-- Registry generations: an import loads its rows under a new generation id, then one transaction switches
-- registry_current to it and deletes the older generations. A failed import leaves the previous generation serving.
ALTER TABLE registry_member_version ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
DROP INDEX registry_member_version_nik;
CREATE INDEX registry_member_version_generation ON registry_member_version (generation, nik_token, id);

CREATE SEQUENCE registry_generation_seq START 1;

CREATE TABLE registry_current (
    singleton   BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    generation  BIGINT      NOT NULL,
    import_id   UUID,
    switched_at TIMESTAMPTZ
);
INSERT INTO registry_current (generation) VALUES (0);

-- An import's progress. Rejections say the line and the reason, never a value.
CREATE TABLE registry_import (
    id            UUID        PRIMARY KEY,
    status        VARCHAR(10) NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    generation    BIGINT      NOT NULL,
    rows_read     BIGINT      NOT NULL DEFAULT 0,
    rows_rejected BIGINT      NOT NULL DEFAULT 0,
    failure       VARCHAR(500),
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);

CREATE TABLE registry_import_rejection (
    import_id UUID         NOT NULL REFERENCES registry_import (id) ON DELETE CASCADE,
    line      BIGINT       NOT NULL,
    reason    VARCHAR(200) NOT NULL,
    PRIMARY KEY (import_id, line)
);

-- Where the registry's data goes: each share's column list and the canary set seeded into it.
CREATE TABLE data_share (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(200) NOT NULL UNIQUE,
    description VARCHAR(2000),
    recipient   VARCHAR(200) NOT NULL,
    columns     TEXT         NOT NULL, -- a JSON array of the column names
    canary_set  VARCHAR(100) UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- The claim of each reported incident, for the verdict's claimExceedsRegistry; written with the inbox row.
CREATE TABLE incident_claim (
    incident_id          VARCHAR(255) PRIMARY KEY,
    claimed_record_count BIGINT       NOT NULL
);

-- NIK tokens already seen in a sample, so that a repeat is counted once however the chunks are spread over replicas.
-- All rows of one NIK are in one bucket; the row is kept until the verification ends.
CREATE TABLE sample_nik (
    sample_id    VARCHAR(255) NOT NULL,
    nik_token    BYTEA        NOT NULL,
    chunk_number INTEGER      NOT NULL,
    PRIMARY KEY (sample_id, nik_token)
);

-- Read model of the Verification aggregate (one row per sample), written by the verification-view processor.
CREATE TABLE verification_view (
    sample_id        VARCHAR(255) PRIMARY KEY,
    incident_id      VARCHAR(255) NOT NULL,
    status           VARCHAR(12)  NOT NULL,
    chunks_done      INTEGER      NOT NULL DEFAULT 0,
    chunks_expected  INTEGER,
    first_chunk_at   TIMESTAMPTZ,
    last_activity_at TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    failure_reason   VARCHAR(500),
    result           JSONB
);
CREATE INDEX verification_view_incident ON verification_view (incident_id);
CREATE INDEX verification_view_open ON verification_view (status, last_activity_at);
