-- The departments each late case recorded when its clock fired, over all its firings of that kind
-- (joined by ","), kept on the clock row so the supervision boards count by department without
-- reading every event. NULL: the clock has not fired (yet); '': it fired with no open step.
-- Cases that fired before this migration are filled in by V10 (LateDepartmentsMigration).
ALTER TABLE ow_case_clock ADD COLUMN warning_departments VARCHAR(500);
ALTER TABLE ow_case_clock ADD COLUMN overdue_departments VARCHAR(500);

-- The boards page through late clocks in deadline order; deadlines are whole days, so thousands
-- share one and the receipt number orders them.
CREATE INDEX ow_case_clock_board_idx ON ow_case_clock (phase, deadline_at, receipt_number);
DROP INDEX ow_case_clock_phase_idx;

-- A page of the board reads its cases' events.
CREATE INDEX ow_supervision_event_case_idx ON ow_supervision_event (receipt_number, occurred_at);
