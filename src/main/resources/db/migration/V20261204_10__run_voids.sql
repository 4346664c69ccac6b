-- Voided runs (issue #10): an operator voids a run with a reason; its documents leave the register of
-- issued documents (they no longer count as issued, so the next run issues them again) and are kept here.
CREATE TABLE run_voids (
    run          VARCHAR(64)   PRIMARY KEY,
    voided_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    voided_by    VARCHAR(100)  NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    documents    INTEGER       NOT NULL
);

CREATE TABLE voided_documents (
    id             BIGINT        PRIMARY KEY,
    unique_code    VARCHAR(20)   NOT NULL,
    original_code  VARCHAR(20)   NOT NULL,
    sequence_no    INTEGER       NOT NULL,
    contract_no    VARCHAR(7)    NOT NULL,
    doc_kind       VARCHAR(32)   NOT NULL,
    cert_year      INTEGER       NOT NULL,
    figures_json   TEXT          NOT NULL,
    postal_code    VARCHAR(7),
    address_line1  VARCHAR(400),
    address_line2  VARCHAR(400),
    run            VARCHAR(64)   NOT NULL REFERENCES run_voids (run),
    issued_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX voided_documents_run ON voided_documents (run);
