-- Schema of the host-application example, version 5: the per-zone histories stay small and are read
-- by index. NOTIFY outcomes and diagnostics reports were appended for ever (a startup NOTIFY
-- fan-out adds a row per zone and target; every diagnose adds a report) and read with
-- `WHERE origin = ?` and no index: with 100,000 zones every `host show` and every diagnose read
-- the whole table. Now each keeps its newest rows per zone (and target), HostTables.KEPT_PER_ZONE,
-- pruned as rows are added. Plain SQL that H2 and PostgreSQL both accept.

CREATE INDEX notify_outcomes_by_target ON notify_outcomes (origin, target, id);
CREATE INDEX diagnostics_reports_by_zone ON diagnostics_reports (origin, id);
CREATE INDEX secondary_dns_events_by_zone ON secondary_dns_events (origin, id);
