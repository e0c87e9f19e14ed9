-- CreateEnum
CREATE TYPE "MeetingEventKind" AS ENUM ('MeetingStarted', 'AgendaItemStarted', 'AgendaItemCompleted', 'AgendaChanged', 'AttendanceChanged', 'QuorumChanged', 'VoteOpened', 'VoteTallyChanged', 'VoteClosed', 'MeetingEnded');

-- AlterTable: the stored kinds convert in place (a kind outside the enum stops the migration).
ALTER TABLE "MeetingEvent" ALTER COLUMN "kind" TYPE "MeetingEventKind" USING ("kind"::"MeetingEventKind");
