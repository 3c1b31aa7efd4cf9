-- Two indexes Camunda 7.24's schema does not have, found by the fill benchmark (README "Performance").
-- Completing a task looks up its sub-tasks by PARENT_TASK_ID_: without an index every completion
-- read the whole ACT_RU_TASK table (100,000 open cases: some 150,000 rows per completed task).
CREATE INDEX ow_idx_task_parent ON act_ru_task (parent_task_id_);
-- Clerks' queues are ordered by due date; the index lets the first page be read in order.
CREATE INDEX ow_idx_task_due_date ON act_ru_task (due_date_);
