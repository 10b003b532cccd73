-- Each replay an auditor started: the read side rebuilt from the topics into a fresh schema and compared with the
-- live one (io.leakwatch.statement.audit.ProjectionReplay). report holds the counts and the differences; the running
-- replica moves heartbeat_at every few seconds, so a replay whose replica stopped reads as FAILED.
CREATE TABLE audit_replay (
    id           VARCHAR(36)  PRIMARY KEY,
    status       VARCHAR(20)  NOT NULL,
    requested_by VARCHAR(255) NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    report       JSONB,
    error        TEXT
);
