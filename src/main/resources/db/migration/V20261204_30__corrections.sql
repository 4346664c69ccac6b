-- Corrected certificates (追加発行, docs/corrections.md): a corrections run registers each corrected
-- certificate as a new issued document of the same original (original_code, the next sequence_no) and
-- names here the issue it corrects (the latest one the register held: the original, a reissue or an
-- earlier correction).
ALTER TABLE issued_documents ADD COLUMN corrects VARCHAR(20);
