-- Packdesk schema v4: the print queue (issue 5).

-- print_jobs.status: running | paused | done | failed. A job is 'paused' when its printer went
-- away mid-batch; the reason is kept in both languages for the desk to show, and the job resumes
-- from its first label not printed.
ALTER TABLE print_jobs ADD COLUMN document TEXT NOT NULL DEFAULT 'waybill-cj';
ALTER TABLE print_jobs ADD COLUMN paused_code TEXT;
ALTER TABLE print_jobs ADD COLUMN paused_reason_ko TEXT;
ALTER TABLE print_jobs ADD COLUMN paused_reason_en TEXT;
ALTER TABLE print_jobs ADD COLUMN paused_at TEXT;
-- Why rows of this job were printed again (required when any row was printed before).
ALTER TABLE print_jobs ADD COLUMN reason TEXT;
CREATE INDEX print_jobs_status ON print_jobs (status, id);

-- print_job_items.status: pending | printed | superseded (another job printed the parcel while
-- this one was paused) | blocked (the parcel became unprintable — claimed, shipped — meanwhile).
CREATE INDEX print_job_items_parcel ON print_job_items (parcel_id, status);

-- A number replaced by a reprint under the "new" policy: still tied to its parcel (never
-- handed out again), but no longer the parcel's number.
ALTER TABLE invoice_pool ADD COLUMN voided_at TEXT;

-- Every reprint: which parcel, the number before and after (equal under the "same" policy), why.
CREATE TABLE print_audit (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER REFERENCES print_jobs(id),
    parcel_id       INTEGER NOT NULL REFERENCES parcels(id),
    tracking_no_old TEXT NOT NULL,
    tracking_no_new TEXT NOT NULL,
    reason          TEXT NOT NULL,
    policy          TEXT NOT NULL CHECK (policy IN ('same', 'new')),
    at              TEXT NOT NULL
);
CREATE INDEX print_audit_parcel ON print_audit (parcel_id, id);
