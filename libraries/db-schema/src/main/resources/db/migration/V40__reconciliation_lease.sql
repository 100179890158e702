-- One reconciliation pass at a time across conversation-manager replicas: a lease row that a replica takes when it
-- is free or expired and renews while its pass runs. A replica that dies mid-pass holds it only until it expires.
CREATE TABLE reconciliation_lease (
    name        TEXT PRIMARY KEY,
    holder      TEXT,
    expires_at  TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    last_pass   JSONB           -- what the last completed pass found, for operators
);
INSERT INTO reconciliation_lease (name) VALUES ('reconciler');
