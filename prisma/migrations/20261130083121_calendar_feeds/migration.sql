-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "calendarSequence" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CalendarToken" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CalendarToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarToken_tokenHash_key" ON "CalendarToken"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarToken_personId_idx" ON "CalendarToken"("personId");

-- AddForeignKey
ALTER TABLE "CalendarToken" ADD CONSTRAINT "CalendarToken_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Calendar feeds (src/calendar): a meeting's SEQUENCE rises with every change of what a calendar
-- shows of it — name, times, place, cancellation, deletion, and its agenda (the description) —
-- done here in the database so that every write path (GraphQL, live meetings, imports) counts.
CREATE FUNCTION calendar_next_sequence() RETURNS trigger AS $$
BEGIN
  NEW."calendarSequence" := OLD."calendarSequence" + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calendar_sequence BEFORE UPDATE ON "Meeting" FOR EACH ROW
  WHEN ((OLD."name", OLD."start", OLD."end", OLD."closedAt", OLD."cancelled", OLD."locationId", OLD."deleted")
        IS DISTINCT FROM (NEW."name", NEW."start", NEW."end", NEW."closedAt", NEW."cancelled", NEW."locationId", NEW."deleted"))
  EXECUTE FUNCTION calendar_next_sequence();

-- An agenda item added, changed or removed raises the sequence of its meeting (of both, if moved).
CREATE FUNCTION calendar_agenda_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    UPDATE "Meeting" SET "calendarSequence" = "calendarSequence" + 1 WHERE "id" = NEW."meetingId";
  END IF;
  IF TG_OP = 'DELETE' THEN
    UPDATE "Meeting" SET "calendarSequence" = "calendarSequence" + 1 WHERE "id" = OLD."meetingId";
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD."meetingId" <> NEW."meetingId" THEN
      UPDATE "Meeting" SET "calendarSequence" = "calendarSequence" + 1 WHERE "id" = OLD."meetingId";
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER calendar_agenda_added_or_removed AFTER INSERT OR DELETE ON "AgendaItem" FOR EACH ROW
  EXECUTE FUNCTION calendar_agenda_changed();
CREATE TRIGGER calendar_agenda_changed AFTER UPDATE ON "AgendaItem" FOR EACH ROW
  WHEN ((OLD."meetingId", OLD."number", OLD."order", OLD."name", OLD."public", OLD."deleted")
        IS DISTINCT FROM (NEW."meetingId", NEW."number", NEW."order", NEW."name", NEW."public", NEW."deleted"))
  EXECUTE FUNCTION calendar_agenda_changed();
