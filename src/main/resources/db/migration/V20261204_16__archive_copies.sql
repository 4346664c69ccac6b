-- Archive copies (docs/archive.md): where the PDF/A-3b copy of an issued document is kept and its
-- SHA-256, by which `archive-verify` proves later that a file is the one issued.
ALTER TABLE issued_documents ADD COLUMN archive_key VARCHAR(200);
ALTER TABLE issued_documents ADD COLUMN archive_sha256 VARCHAR(64);
CREATE INDEX issued_documents_archive_sha256 ON issued_documents (archive_sha256);
