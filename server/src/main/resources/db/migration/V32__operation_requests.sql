-- A single request run in the background (Prefer: respond-async): what was asked, and the answer it got, kept to be
-- replayed as the operation's result. The answer's body is a file beside the import files.
ALTER TABLE operations ADD COLUMN request_method VARCHAR(8);
ALTER TABLE operations ADD COLUMN request_path VARCHAR(512);
ALTER TABLE operations ADD COLUMN response_status INTEGER;
ALTER TABLE operations ADD COLUMN response_content_type VARCHAR(128);
ALTER TABLE operations ADD COLUMN response_location VARCHAR(512);
ALTER TABLE operations ALTER COLUMN format DROP NOT NULL;
