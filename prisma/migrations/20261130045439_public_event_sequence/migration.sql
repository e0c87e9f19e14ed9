-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "publicEventSequence" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MeetingEvent" ADD COLUMN     "publicSequence" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "MeetingEvent_meetingId_publicSequence_key" ON "MeetingEvent"("meetingId", "publicSequence");

-- Existing events: number the public ones (no agenda item, or a public one) per meeting.
UPDATE "MeetingEvent" e SET "publicSequence" = numbered.n
FROM (
  SELECT ev.id, row_number() OVER (PARTITION BY ev."meetingId" ORDER BY ev.sequence) AS n
  FROM "MeetingEvent" ev
  LEFT JOIN "AgendaItem" item ON item.id::text = ev.payload->>'agendaItemId'
  WHERE item.id IS NULL OR item.public
) numbered
WHERE e.id = numbered.id;

UPDATE "Meeting" m SET "publicEventSequence" = counted.last
FROM (SELECT "meetingId", max("publicSequence") AS last FROM "MeetingEvent" GROUP BY "meetingId") counted
WHERE m.id = counted."meetingId" AND counted.last IS NOT NULL;
