(CAST($start AS DATE) IS NULL OR g.day >= CAST($start AS DATE))
  AND (CAST($end AS DATE) IS NULL OR g.day <= CAST($end AS DATE))
