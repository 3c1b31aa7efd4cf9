-- Job acquisition at scale (README "Performance"): every open commitment case keeps two timer jobs,
-- so ACT_RU_JOB holds some 130,000 rows with 100,000 open cases. Camunda 7.24 indexes neither
-- column the acquisition query filters on, so each acquisition (every few jobs) read the whole
-- table twice, once for due jobs and once for the exclusive jobs locked by other threads:
-- 21 ms per acquisition, fewer than 15 jobs a second once the due ones were scattered.
CREATE INDEX ow_idx_job_duedate ON act_ru_job (duedate_);
CREATE INDEX ow_idx_job_lock_exp ON act_ru_job (lock_exp_time_);
