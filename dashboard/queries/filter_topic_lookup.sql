-- One row: the topic a URL names, by IPTC code or (older links) by its label, case-insensitively; none if unknown.
SELECT code, label
FROM topics
WHERE code = CAST($topic AS VARCHAR) OR lower(label) = lower(CAST($topic AS VARCHAR))
ORDER BY code = CAST($topic AS VARCHAR) DESC, level, code
LIMIT 1
