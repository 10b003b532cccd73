-- A hash chain over the service's own event store, so that an edited, deleted or reordered domainevententry row is
-- found (io.leakwatch.platform.seal). The event-seal tracking processor appends one row per stored event, in the order
-- it reads them: hash = SHA-256(previous hash || canonical bytes of the event's row), see EventSealChain.
CREATE TABLE event_seal (
    seal_no         BIGINT       PRIMARY KEY,
    global_index    BIGINT       NOT NULL UNIQUE,
    aggregate_id    VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    hash            CHAR(64)     NOT NULL,
    sealed_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
