-- CreateEnum
CREATE TYPE "SpeechKind" AS ENUM ('REGULAR', 'POINT_OF_ORDER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "MeetingEventKind" ADD VALUE 'SpeakersListChanged';
ALTER TYPE "MeetingEventKind" ADD VALUE 'SpeakingTimeChanged';

-- AlterTable
ALTER TABLE "AgendaItem" ADD COLUMN     "speakingTimeSeconds" INTEGER;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "speakingTimeSeconds" INTEGER;

-- CreateTable
CREATE TABLE "Speech" (
    "id" UUID NOT NULL,
    "agendaItemId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" "SpeechKind" NOT NULL DEFAULT 'REGULAR',
    "position" INTEGER,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Speech_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Speech_agendaItemId_position_idx" ON "Speech"("agendaItemId", "position");

-- AddForeignKey
ALTER TABLE "Speech" ADD CONSTRAINT "Speech_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Speech" ADD CONSTRAINT "Speech_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
