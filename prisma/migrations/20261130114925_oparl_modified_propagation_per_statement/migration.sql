-- OParl modified propagation (20261123162018_oparl_modified_propagation) once per statement, set
-- based, instead of once per row: the row trigger compared the parent's key as text, which no
-- index serves, so every child row scanned the whole parent table (an import of 20,000 memberships
-- took minutes), and it planned a dynamic UPDATE per row. Same rule: a parent's `modified` moves
-- forward to the latest `modified` of its inserted or updated children, on an update also the
-- parent a child was moved away from. Arguments: parent table, parent column, child column.
-- Transition tables allow one event per trigger, hence an INSERT and an UPDATE trigger each.
CREATE FUNCTION oparl_touch_parents() RETURNS trigger AS $$
DECLARE
  -- The children's keys with their new `modified` (for an update also each old key).
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %1$I AS key, "modified" FROM new_rows', TG_ARGV[2])
    ELSE format('SELECT %1$I AS key, "modified" FROM new_rows
                 UNION ALL SELECT old_rows.%1$I, new_rows."modified" FROM old_rows JOIN new_rows USING ("id")', TG_ARGV[2])
  END;
BEGIN
  EXECUTE format(
    'UPDATE %1$I parent SET "modified" = child."modified"
       FROM (SELECT key, max("modified") AS "modified" FROM (%3$s) changed WHERE key IS NOT NULL GROUP BY key) child
      WHERE parent.%2$I = child.key AND parent."modified" < child."modified"',
    TG_ARGV[0], TG_ARGV[1], changed);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER oparl_touch_body ON "LegislativeTerm";
DROP TRIGGER oparl_touch_person ON "Membership";
DROP TRIGGER oparl_touch_meeting ON "Location";
DROP TRIGGER oparl_touch_organization ON "Location";
DROP TRIGGER oparl_touch_meeting ON "AgendaItem";
DROP TRIGGER oparl_touch_meeting ON "Attendance";
DROP TRIGGER oparl_touch_agenda_item ON "Vote";
DROP TRIGGER oparl_touch_paper ON "Consultation";
DROP TRIGGER oparl_touch_meeting ON "File";
DROP TRIGGER oparl_touch_agenda_item ON "File";
DROP TRIGGER oparl_touch_paper ON "File";
DROP FUNCTION oparl_touch_parent();

CREATE TRIGGER oparl_touch_body_on_insert AFTER INSERT ON "LegislativeTerm" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Body', 'id', 'bodyId');
CREATE TRIGGER oparl_touch_body_on_update AFTER UPDATE ON "LegislativeTerm" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Body', 'id', 'bodyId');
CREATE TRIGGER oparl_touch_person_on_insert AFTER INSERT ON "Membership" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Person', 'id', 'personId');
CREATE TRIGGER oparl_touch_person_on_update AFTER UPDATE ON "Membership" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Person', 'id', 'personId');
CREATE TRIGGER oparl_touch_meeting_on_insert AFTER INSERT ON "Location" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'locationId', 'id');
CREATE TRIGGER oparl_touch_meeting_on_update AFTER UPDATE ON "Location" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'locationId', 'id');
CREATE TRIGGER oparl_touch_organization_on_insert AFTER INSERT ON "Location" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Organization', 'locationId', 'id');
CREATE TRIGGER oparl_touch_organization_on_update AFTER UPDATE ON "Location" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Organization', 'locationId', 'id');
CREATE TRIGGER oparl_touch_meeting_on_insert AFTER INSERT ON "AgendaItem" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_meeting_on_update AFTER UPDATE ON "AgendaItem" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_meeting_on_insert AFTER INSERT ON "Attendance" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_meeting_on_update AFTER UPDATE ON "Attendance" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_agenda_item_on_insert AFTER INSERT ON "Vote" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_agenda_item_on_update AFTER UPDATE ON "Vote" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_paper_on_insert AFTER INSERT ON "Consultation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Paper', 'id', 'paperId');
CREATE TRIGGER oparl_touch_paper_on_update AFTER UPDATE ON "Consultation" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Paper', 'id', 'paperId');
CREATE TRIGGER oparl_touch_meeting_on_insert AFTER INSERT ON "File" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_meeting_on_update AFTER UPDATE ON "File" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_agenda_item_on_insert AFTER INSERT ON "File" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_agenda_item_on_update AFTER UPDATE ON "File" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_paper_on_insert AFTER INSERT ON "File" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Paper', 'id', 'paperId');
CREATE TRIGGER oparl_touch_paper_on_update AFTER UPDATE ON "File" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION oparl_touch_parents('Paper', 'id', 'paperId');
