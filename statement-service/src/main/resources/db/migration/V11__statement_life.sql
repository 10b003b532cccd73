-- The life of each version: who edited, approved, published or withdrew it, and when. Written by
-- StatementVersionProjection only; a version drafted from facts has caused_by, an edited one based_on and author.
ALTER TABLE statement_version ALTER COLUMN caused_by DROP NOT NULL;
ALTER TABLE statement_version
    ADD COLUMN based_on          INTEGER,
    ADD COLUMN author            VARCHAR(255),
    ADD COLUMN missing_elements  TEXT NOT NULL DEFAULT '',
    ADD COLUMN approved_by       VARCHAR(255),
    ADD COLUMN approved_at       TIMESTAMPTZ,
    ADD COLUMN published_by      VARCHAR(255),
    ADD COLUMN published_at      TIMESTAMPTZ,
    ADD COLUMN withdrawn_by      VARCHAR(255),
    ADD COLUMN withdrawn_at      TIMESTAMPTZ,
    ADD COLUMN withdrawal_reason TEXT;

CREATE INDEX statement_version_public ON statement_version (status, incident_id, version);
