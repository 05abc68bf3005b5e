-- Why a load failed, in one line ("disk full: ..."), so an operator reading `loads` does not need the logs.
ALTER TABLE loads ADD COLUMN IF NOT EXISTS error VARCHAR;

-- What newsdesk repaired or doubted about an article while cleaning it, e.g. 'charset_repaired:utf-8>cp1252'
-- (bytes declared UTF-8 that were Windows-1252) or 'published_rejected' (a given date that was not a date;
-- the value itself is quarantined in `rejects`). No DEFAULT on purpose (see 007): rows are back-filled.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS flags VARCHAR[];
UPDATE articles SET flags = [] WHERE flags IS NULL;
