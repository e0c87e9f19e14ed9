-- AlterEnum
ALTER TYPE "MeetingEventKind" ADD VALUE 'BallotsCounted';
