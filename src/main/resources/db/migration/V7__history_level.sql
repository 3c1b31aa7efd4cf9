-- OneWindow runs the engine at its own history level 'full-without-details' (id 31, see
-- org.onewindow.engine.CaseHistoryLevel). A database created at level 'full' (3) is moved to it;
-- a new database gets the property from the engine at its first start.
UPDATE act_ge_property SET value_ = '31' WHERE name_ = 'historyLevel' AND value_ = '3';
