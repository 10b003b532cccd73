-- The participant registry, tokenised: one row per version of a member (DESIGN.md, registry export).
-- No plaintext: every personal field is a keyed HMAC token; names also a Bloom-filter encoding.
CREATE TABLE registry_member_version (
    id               BIGSERIAL PRIMARY KEY,
    nik_token        BYTEA       NOT NULL,
    card_no_token    BYTEA,
    full_name_token  BYTEA,
    full_name_bloom  BYTEA,
    birth_date_token BYTEA,
    sex_token        BYTEA,
    phone_token      BYTEA,
    regency_token    BYTEA,
    status           VARCHAR(10) NOT NULL CHECK (status IN ('ACTIVE', 'INACTIVE', 'DECEASED')),
    registered_on    DATE,
    deceased_on      DATE,
    valid_from       DATE,
    canary_set       VARCHAR(100)
);

CREATE INDEX registry_member_version_nik ON registry_member_version (nik_token, valid_from);
