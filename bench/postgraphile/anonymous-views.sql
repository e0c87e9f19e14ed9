-- What an anonymous reader may see, as views in a schema of their own, for PostGraphile v5 to
-- reflect over (bench:postgraphile). The same rules as src/access/visibility.ts for a viewer
-- without token: soft-deleted records are gone; of a non-public agenda item only its number
-- and title are shown (protocol, result and resolution are null), and its votes, files and
-- consultations are hidden, as is a paper consulted only by non-public items.
-- PostGraphile exposes this schema only; smart comments give the views primary keys and
-- relations (views have no constraints of their own to reflect).
DROP SCHEMA IF EXISTS postgraphile_anonymous CASCADE;
CREATE SCHEMA postgraphile_anonymous;
SET search_path = postgraphile_anonymous;

CREATE VIEW "Location" AS
  SELECT id, description, "streetAddress", room, "postalCode", "subLocality", locality
  FROM public."Location" WHERE NOT deleted;

CREATE VIEW "Organization" AS
  SELECT id, name, "shortName", "organizationType", classification
  FROM public."Organization" WHERE NOT deleted;

CREATE VIEW "Person" AS
  SELECT id, name, "familyName", "givenName", "formOfAddress", affix, title, gender, phone, email
  FROM public."Person" WHERE NOT deleted;

CREATE VIEW "Membership" AS
  SELECT id, "personId", "organizationId", role, "votingRight", "onBehalfOfId", "startDate", "endDate"
  FROM public."Membership" WHERE NOT deleted;

CREATE VIEW "Meeting" AS
  SELECT id, name, "meetingState", cancelled, start, coalesce("closedAt", "end") AS "end", "openedAt", "closedAt",
         "locationId", "minuteTakerId", modified
  FROM public."Meeting" WHERE NOT deleted;

CREATE VIEW "MeetingOrganization" AS
  SELECT "meetingId", "organizationId" FROM public."MeetingOrganization";

CREATE VIEW "AgendaItem" AS
  SELECT id, "meetingId", number, "order", name, subtitle, public, "parentId", state, urgent,
         CASE WHEN public THEN "protocolText" END AS "protocolText",
         CASE WHEN public THEN result END AS result,
         CASE WHEN public THEN "resolutionText" END AS "resolutionText",
         start, "end"
  FROM public."AgendaItem" WHERE NOT deleted;

-- A paper is hidden when every item consulting it is non-public.
CREATE VIEW "Paper" AS
  SELECT p.id, p.name, p.reference, p.date, p."paperType"
  FROM public."Paper" p
  WHERE NOT p.deleted
    AND (NOT EXISTS (SELECT 1 FROM public."Consultation" c JOIN public."AgendaItem" i ON i.id = c."agendaItemId" WHERE c."paperId" = p.id AND NOT i.public)
         OR EXISTS (SELECT 1 FROM public."Consultation" c JOIN public."AgendaItem" i ON i.id = c."agendaItemId" WHERE c."paperId" = p.id AND i.public));

CREATE VIEW "Consultation" AS
  SELECT c.id, c."paperId", c."agendaItemId", c."meetingId", c.role, c.authoritative, c.created
  FROM public."Consultation" c
  WHERE NOT c.deleted
    AND (c."agendaItemId" IS NULL OR EXISTS (SELECT 1 FROM public."AgendaItem" i WHERE i.id = c."agendaItemId" AND i.public))
    AND EXISTS (SELECT 1 FROM "Paper" p WHERE p.id = c."paperId");

CREATE VIEW "Vote" AS
  SELECT v.id, v."agendaItemId", v.subject, v.kind, v.state,
         CASE WHEN v.state = 'CLOSED' THEN v.yes END AS yes,
         CASE WHEN v.state = 'CLOSED' THEN v.no END AS no,
         CASE WHEN v.state = 'CLOSED' THEN v.abstain END AS abstain,
         v.unanimous, v.result, v.created
  FROM public."Vote" v JOIN public."AgendaItem" i ON i.id = v."agendaItemId"
  WHERE i.public;

CREATE VIEW "File" AS
  SELECT f.id, f.name, f."meetingId", f."agendaItemId", f."paperId"
  FROM public."File" f
  WHERE NOT f.deleted
    AND (f."agendaItemId" IS NULL OR EXISTS (SELECT 1 FROM public."AgendaItem" i WHERE i.id = f."agendaItemId" AND i.public))
    AND (f."paperId" IS NULL OR EXISTS (SELECT 1 FROM "Paper" p WHERE p.id = f."paperId"));

CREATE VIEW "Attendance" AS
  SELECT id, "meetingId", "personId", role, status, "arrivedAt", "leftAt", "substituteForId", affiliation, created
  FROM public."Attendance";

COMMENT ON VIEW "Location" IS '@primaryKey id';
COMMENT ON VIEW "Organization" IS '@primaryKey id';
COMMENT ON VIEW "Person" IS '@primaryKey id';
COMMENT ON VIEW "Paper" IS '@primaryKey id';
COMMENT ON VIEW "Membership" IS E'@primaryKey id\n'
  '@foreignKey ("personId") references "Person" (id)|@fieldName person|@foreignFieldName memberships\n'
  '@foreignKey ("organizationId") references "Organization" (id)|@fieldName organization|@foreignFieldName memberships\n'
  '@foreignKey ("onBehalfOfId") references "Organization" (id)|@fieldName onBehalfOf|@foreignFieldName onBehalfOfMemberships';
COMMENT ON VIEW "Meeting" IS E'@primaryKey id\n'
  '@foreignKey ("locationId") references "Location" (id)|@fieldName location|@foreignFieldName meetings\n'
  '@foreignKey ("minuteTakerId") references "Person" (id)|@fieldName minuteTaker|@foreignFieldName minutesTaken';
COMMENT ON VIEW "MeetingOrganization" IS E'@primaryKey meetingId,organizationId\n'
  '@foreignKey ("meetingId") references "Meeting" (id)|@fieldName meeting|@foreignFieldName meetingOrganizations\n'
  '@foreignKey ("organizationId") references "Organization" (id)|@fieldName organization|@foreignFieldName meetingOrganizations';
COMMENT ON VIEW "AgendaItem" IS E'@primaryKey id\n'
  '@foreignKey ("meetingId") references "Meeting" (id)|@fieldName meeting|@foreignFieldName agendaItems\n'
  '@foreignKey ("parentId") references "AgendaItem" (id)|@fieldName parent|@foreignFieldName children';
COMMENT ON VIEW "Consultation" IS E'@primaryKey id\n'
  '@foreignKey ("paperId") references "Paper" (id)|@fieldName paper|@foreignFieldName consultations\n'
  '@foreignKey ("agendaItemId") references "AgendaItem" (id)|@fieldName agendaItem|@foreignFieldName consultations\n'
  '@foreignKey ("meetingId") references "Meeting" (id)|@fieldName meeting|@foreignFieldName consultations';
COMMENT ON VIEW "Vote" IS E'@primaryKey id\n'
  '@foreignKey ("agendaItemId") references "AgendaItem" (id)|@fieldName agendaItem|@foreignFieldName votes';
COMMENT ON VIEW "File" IS E'@primaryKey id\n'
  '@foreignKey ("meetingId") references "Meeting" (id)|@fieldName meeting|@foreignFieldName files\n'
  '@foreignKey ("agendaItemId") references "AgendaItem" (id)|@fieldName agendaItem|@foreignFieldName files\n'
  '@foreignKey ("paperId") references "Paper" (id)|@fieldName paper|@foreignFieldName files';
COMMENT ON VIEW "Attendance" IS E'@primaryKey id\n'
  '@foreignKey ("meetingId") references "Meeting" (id)|@fieldName meeting|@foreignFieldName attendance\n'
  '@foreignKey ("personId") references "Person" (id)|@fieldName person|@foreignFieldName attendances\n'
  '@foreignKey ("substituteForId") references "Person" (id)|@fieldName substituteFor|@foreignFieldName substitutions';
-- Enum columns are not orderable by default; attendance is listed by role (in the enum's order).
COMMENT ON COLUMN "Attendance".role IS '@behavior +orderBy';
