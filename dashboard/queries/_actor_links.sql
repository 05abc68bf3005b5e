-- Partial (included as {{actor_links}} where a query would read `article_actors`): the actor links at least as sure
-- as the viewer's minimum confidence (article_actors.confidence, 0..1; NULL $min_confidence = every link). Links
-- landed before confidence was scored have none and are left out once a minimum is set. Keep this partial's last
-- line free of comments: the rest of the including line follows it.
(SELECT * FROM article_actors
 WHERE CAST($min_confidence AS DOUBLE) IS NULL OR confidence >= CAST($min_confidence AS DOUBLE))
