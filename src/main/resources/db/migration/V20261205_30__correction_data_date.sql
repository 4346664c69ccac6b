-- The data date a corrected certificate's figures are as of (docs/corrections.md): a reissue of a corrected
-- certificate states the same figures, not the original's.
ALTER TABLE issued_documents ADD COLUMN data_date DATE;
