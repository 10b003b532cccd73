-- Each incident's hash-chained audit trail: every event of every event topic, in the order it was appended.
-- hash = SHA-256(prev_hash || canonical), see io.leakwatch.statement.audit.AuditChain and CanonicalJson.
CREATE TABLE audit_entry (
    incident_id VARCHAR(255) NOT NULL,
    seq         BIGINT       NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    topic       VARCHAR(100) NOT NULL,
    type        VARCHAR(255) NOT NULL,
    event_time  TIMESTAMPTZ  NOT NULL,
    appended_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    canonical   TEXT         NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL,
    PRIMARY KEY (incident_id, seq),
    UNIQUE (incident_id, event_id)
);

-- The head of each chain; its row lock orders appends to one incident from the three topics' consumers.
CREATE TABLE audit_head (
    incident_id VARCHAR(255) PRIMARY KEY,
    seq         BIGINT       NOT NULL,
    hash        CHAR(64)     NOT NULL
);
