-- Read model of every incident for lists, search and duplicate detection (projection of the Incident's events).
CREATE TABLE incident_summary (
    incident_id          VARCHAR(64) PRIMARY KEY,
    title                TEXT        NOT NULL,
    status               VARCHAR(20) NOT NULL,
    severity             VARCHAR(20),
    source_kind          VARCHAR(20) NOT NULL,
    source_url_key       TEXT,
    actor                TEXT,
    claimed_record_count BIGINT      NOT NULL,
    reported_at          TIMESTAMPTZ NOT NULL,
    last_event_at        TIMESTAMPTZ NOT NULL,
    version              BIGINT      NOT NULL
);
CREATE INDEX incident_summary_source ON incident_summary (source_url_key);
CREATE INDEX incident_summary_status ON incident_summary (status, reported_at DESC);

-- SHA-256 digests known per incident (its samples, its FILE_DIGEST observables), for duplicate detection.
CREATE TABLE incident_digest (
    sha256      CHAR(64)    NOT NULL,
    incident_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (sha256, incident_id)
);

-- Answers already given to a POST carrying an Idempotency-Key, so a retry gets the first answer again.
CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(200) PRIMARY KEY,
    request_sha256  CHAR(64)     NOT NULL,
    incident_id     VARCHAR(64)  NOT NULL,
    outcome         VARCHAR(20)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
