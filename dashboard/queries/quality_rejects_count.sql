-- One row: how many quarantined records there are, optionally of one stage.
SELECT count(*) AS total
FROM rejects
WHERE CAST($stage AS VARCHAR) IS NULL OR stage = CAST($stage AS VARCHAR)
LIMIT 1
