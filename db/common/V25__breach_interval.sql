-- The interval a breach was judged on (issue 18): a bound with `judge: interval` breaches only when the figure's whole
-- 95% interval [lo, hi] is past it, and the alerts and `jobs/runs`, built from the stored breaches, say so. NULL for a
-- breach judged on the figure itself (the default) and for drift breaches.
ALTER TABLE breach ADD COLUMN interval_lo DOUBLE PRECISION;
ALTER TABLE breach ADD COLUMN interval_hi DOUBLE PRECISION;
