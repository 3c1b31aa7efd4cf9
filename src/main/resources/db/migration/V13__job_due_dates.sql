-- The job executor acquires by due date and only jobs that have one (application.yaml:
-- ensure-job-due-date-not-null, job-executor-acquire-by-due-date). A job an earlier version
-- created without a due date (meaning "run now") gets its creation time, so it is still run, and
-- before the jobs created after it.
UPDATE ACT_RU_JOB SET DUEDATE_ = COALESCE(CREATE_TIME_, TIMESTAMP '2000-01-01 00:00:00') WHERE DUEDATE_ IS NULL;
