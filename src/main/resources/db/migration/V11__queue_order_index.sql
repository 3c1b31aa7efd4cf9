-- Tasklist's queues are ordered by due date, then by creation time (TasklistFilters). With both in
-- one index a queue page is read in that order and the database stops after the page (see
-- CandidateQueueRewrite); with the due date alone it had to sort every task due on the same day.
DROP INDEX ow_idx_task_due_date;
CREATE INDEX ow_idx_task_due_date ON act_ru_task (due_date_, create_time_);
