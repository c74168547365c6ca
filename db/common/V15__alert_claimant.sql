-- Which process claimed an alert for sending (<pid>@<host>): a claim of a process of the same host that is gone is
-- taken over at once, instead of after ratchet.alerts.retry.claim-timeout (io.ratchet.alert.Outbox).
ALTER TABLE alert_outbox ADD COLUMN claimed_by VARCHAR(200);
