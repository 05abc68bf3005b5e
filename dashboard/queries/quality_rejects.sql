-- One row per quarantined record, newest first, optionally of one stage; one page of them.
SELECT rejected_at, load_id, stage, table_name, source_ref, article_id, rules, reason,
       left(CAST(payload AS VARCHAR), 2000) AS payload
FROM rejects
WHERE CAST($stage AS VARCHAR) IS NULL OR stage = CAST($stage AS VARCHAR)
ORDER BY rejected_at DESC, reject_id
LIMIT $limit OFFSET $offset
