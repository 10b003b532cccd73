-- First occurrences of NIK tokens in a sample, claimed per chunk instead of per token (docs/decisions.md, "Session 5
-- ... claims per chunk"). A NIK's rows are all in one bucket of the sample, so a bucket's claims decide; each claim
-- takes the bucket's row lock (and its next version), so the claims of a bucket are made one after the other.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM sample_nik) THEN
        RAISE EXCEPTION 'sample_nik holds the NIK tokens of verifications still running: let them complete or fail '
            'with the previous version of matching-service before upgrading (their duplicate counts depend on them)';
    END IF;
END
$$;

DROP TABLE sample_nik;

-- One row per bucket of a sample that received chunks: its lock, and how many claims were made under it.
CREATE TABLE sample_bucket (
    sample_id VARCHAR(255) NOT NULL,
    bucket    INTEGER      NOT NULL,
    version   BIGINT       NOT NULL,
    PRIMARY KEY (sample_id, bucket)
);

-- The NIK tokens a chunk saw first in its sample (32 bytes each, concatenated), made under the bucket's version.
CREATE TABLE sample_claim (
    sample_id    VARCHAR(255) NOT NULL,
    bucket       INTEGER      NOT NULL,
    version      BIGINT       NOT NULL,
    chunk_number INTEGER      NOT NULL,
    nik_tokens   BYTEA        NOT NULL,
    PRIMARY KEY (sample_id, bucket, version)
);
-- Tokens are random bytes: compressing them only costs time.
ALTER TABLE sample_claim ALTER COLUMN nik_tokens SET STORAGE EXTERNAL;
