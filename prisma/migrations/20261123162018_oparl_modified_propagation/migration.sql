-- OParl: a change to an embedded object (including its soft deletion) is a change of the object
-- that embeds it, so the parent's `modified` must move forward too. Done here in the database so
-- that every write path (GraphQL mutations, agenda editing, live meetings, imports) keeps it right.
-- Arguments: parent table, parent column, child column: parent.<parent column> = NEW.<child column>.
CREATE OR REPLACE FUNCTION oparl_touch_parent() RETURNS trigger AS $$
DECLARE
  key text := to_jsonb(NEW) ->> TG_ARGV[2];
  old_key text := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ->> TG_ARGV[2] END;
BEGIN
  EXECUTE format('UPDATE %I SET "modified" = $1 WHERE %I::text IN ($2, $3) AND "modified" < $1', TG_ARGV[0], TG_ARGV[1])
    USING NEW."modified", key, old_key;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER oparl_touch_body AFTER INSERT OR UPDATE ON "LegislativeTerm"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Body', 'id', 'bodyId');
CREATE TRIGGER oparl_touch_person AFTER INSERT OR UPDATE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Person', 'id', 'personId');
CREATE TRIGGER oparl_touch_meeting AFTER INSERT OR UPDATE ON "Location"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Meeting', 'locationId', 'id');
CREATE TRIGGER oparl_touch_organization AFTER INSERT OR UPDATE ON "Location"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Organization', 'locationId', 'id');
CREATE TRIGGER oparl_touch_meeting AFTER INSERT OR UPDATE ON "AgendaItem"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_meeting AFTER INSERT OR UPDATE ON "Attendance"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_agenda_item AFTER INSERT OR UPDATE ON "Vote"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_paper AFTER INSERT OR UPDATE ON "Consultation"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Paper', 'id', 'paperId');
CREATE TRIGGER oparl_touch_meeting AFTER INSERT OR UPDATE ON "File"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Meeting', 'id', 'meetingId');
CREATE TRIGGER oparl_touch_agenda_item AFTER INSERT OR UPDATE ON "File"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('AgendaItem', 'id', 'agendaItemId');
CREATE TRIGGER oparl_touch_paper AFTER INSERT OR UPDATE ON "File"
  FOR EACH ROW EXECUTE FUNCTION oparl_touch_parent('Paper', 'id', 'paperId');
