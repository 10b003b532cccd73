-- The facts statement-service knows per incident, folded from every event topic.
CREATE TABLE incident_facts (
    incident_id VARCHAR(64) PRIMARY KEY,
    facts       JSONB       NOT NULL
);

-- Every version of every holding statement (projection of StatementDrafted and, later, its approval life).
CREATE TABLE statement_version (
    id          BIGSERIAL PRIMARY KEY,
    incident_id VARCHAR(64)  NOT NULL,
    version     INTEGER      NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    caused_by   VARCHAR(255) NOT NULL,
    text_id     TEXT         NOT NULL,
    text_en     TEXT         NOT NULL,
    drafted_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (incident_id, version)
);
