-- Partial (included as {{plausible_event}} in a WHERE over mart_event_timeline `e`): the event date is plausible.
-- Not before 1800 and not more than 20 years after the article was published (or, undated, than today).
(e.start_date >= DATE '1800-01-01'
 AND e.end_date <= coalesce(e.published_day, current_date) + INTERVAL 20 YEAR)