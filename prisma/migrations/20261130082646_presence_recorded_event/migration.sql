-- AlterEnum
ALTER TYPE "MeetingEventKind" ADD VALUE 'PresenceRecorded';
