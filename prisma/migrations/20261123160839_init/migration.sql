-- CreateEnum
CREATE TYPE "MeetingState" AS ENUM ('SCHEDULED', 'RUNNING', 'FINISHED');

-- CreateEnum
CREATE TYPE "AgendaItemState" AS ENUM ('PLANNED', 'RUNNING', 'COMPLETED', 'POSTPONED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "FileRole" AS ENUM ('MAIN', 'AUXILIARY', 'INVITATION', 'RESULTS_PROTOCOL', 'VERBATIM_PROTOCOL');

-- CreateEnum
CREATE TYPE "AttendanceRole" AS ENUM ('CHAIR', 'MEMBER', 'SUBSTITUTE', 'ADMINISTRATION', 'GUEST', 'MINUTE_TAKER');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'EXCUSED', 'ABSENT');

-- CreateEnum
CREATE TYPE "VoteKind" AS ENUM ('COUNTED', 'NAMED');

-- CreateEnum
CREATE TYPE "VoteState" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "VoteResult" AS ENUM ('ADOPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "BallotChoice" AS ENUM ('YES', 'NO', 'ABSTAIN');

-- CreateEnum
CREATE TYPE "AssignmentKind" AS ENUM ('RESOLUTION', 'REVIEW', 'WORK');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('DONE', 'IN_PROGRESS', 'NOT_FEASIBLE');

-- CreateTable
CREATE TABLE "Body" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "website" TEXT,
    "classification" TEXT,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Body_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegislativeTerm" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" DATE,
    "endDate" DATE,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "LegislativeTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "organizationType" TEXT,
    "classification" TEXT,
    "startDate" DATE,
    "endDate" DATE,
    "website" TEXT,
    "statutorySeats" INTEGER,
    "subOrganizationOfId" UUID,
    "predecessorId" UUID,
    "legislativeTermId" UUID,
    "locationId" UUID,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "familyName" TEXT,
    "givenName" TEXT,
    "formOfAddress" TEXT,
    "affix" TEXT,
    "title" TEXT[],
    "gender" TEXT,
    "phone" TEXT[],
    "email" TEXT[],
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "personId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" TEXT,
    "votingRight" BOOLEAN NOT NULL DEFAULT false,
    "onBehalfOfId" UUID,
    "startDate" DATE,
    "endDate" DATE,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID,
    "description" TEXT,
    "streetAddress" TEXT,
    "room" TEXT,
    "postalCode" TEXT,
    "subLocality" TEXT,
    "locality" TEXT,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "meetingState" "MeetingState" NOT NULL DEFAULT 'SCHEDULED',
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "start" TIMESTAMPTZ(3),
    "end" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "locationId" UUID,
    "minuteTakerId" UUID,
    "minutesSignedPlace" TEXT,
    "minutesSignedDate" DATE,
    "eventSequence" INTEGER NOT NULL DEFAULT 0,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOrganization" (
    "meetingId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "MeetingOrganization_pkey" PRIMARY KEY ("meetingId","organizationId")
);

-- CreateTable
CREATE TABLE "MeetingSignatory" (
    "meetingId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "order" INTEGER NOT NULL,
    "role" TEXT,

    CONSTRAINT "MeetingSignatory_pkey" PRIMARY KEY ("meetingId","personId")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "meetingId" UUID NOT NULL,
    "number" TEXT,
    "order" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "subtitle" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT true,
    "parentId" UUID,
    "state" "AgendaItemState" NOT NULL DEFAULT 'PLANNED',
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "protocolText" TEXT,
    "result" TEXT,
    "resolutionText" TEXT,
    "start" TIMESTAMPTZ(3),
    "end" TIMESTAMPTZ(3),
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "paperId" UUID NOT NULL,
    "agendaItemId" UUID,
    "meetingId" UUID,
    "authoritative" BOOLEAN,
    "role" TEXT,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationOrganization" (
    "consultationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "ConsultationOrganization_pkey" PRIMARY KEY ("consultationId","organizationId")
);

-- CreateTable
CREATE TABLE "Paper" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "bodyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "reference" TEXT,
    "date" DATE,
    "paperType" TEXT,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Paper_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaperOriginatorOrganization" (
    "paperId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "PaperOriginatorOrganization_pkey" PRIMARY KEY ("paperId","organizationId")
);

-- CreateTable
CREATE TABLE "PaperOriginatorPerson" (
    "paperId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "PaperOriginatorPerson_pkey" PRIMARY KEY ("paperId","personId")
);

-- CreateTable
CREATE TABLE "File" (
    "id" UUID NOT NULL,
    "oparlId" TEXT,
    "name" TEXT NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "size" INTEGER,
    "sha512Checksum" TEXT,
    "storageKey" TEXT,
    "externalUrl" TEXT,
    "text" TEXT,
    "date" DATE,
    "role" "FileRole" NOT NULL DEFAULT 'AUXILIARY',
    "meetingId" UUID,
    "agendaItemId" UUID,
    "paperId" UUID,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "File_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "AttendanceRole" NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "arrivedAt" TIMESTAMPTZ(3),
    "leftAt" TIMESTAMPTZ(3),
    "substituteForId" UUID,
    "affiliation" TEXT,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" UUID NOT NULL,
    "agendaItemId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "kind" "VoteKind" NOT NULL,
    "state" "VoteState" NOT NULL DEFAULT 'OPEN',
    "yes" INTEGER,
    "no" INTEGER,
    "abstain" INTEGER,
    "unanimous" BOOLEAN,
    "result" "VoteResult",
    "openedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" UUID NOT NULL,
    "voteId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "choice" "BallotChoice" NOT NULL,
    "castAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "meetingId" UUID,
    "agendaItemId" UUID,
    "paperId" UUID,
    "kind" "AssignmentKind" NOT NULL DEFAULT 'RESOLUTION',
    "note" TEXT,
    "text" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modified" TIMESTAMPTZ(3) NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusReport" (
    "id" UUID NOT NULL,
    "assignmentId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "status" "AssignmentStatus" NOT NULL,
    "text" TEXT NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingEvent" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Body_oparlId_key" ON "Body"("oparlId");

-- CreateIndex
CREATE UNIQUE INDEX "LegislativeTerm_oparlId_key" ON "LegislativeTerm"("oparlId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_oparlId_key" ON "Organization"("oparlId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_predecessorId_key" ON "Organization"("predecessorId");

-- CreateIndex
CREATE INDEX "Organization_bodyId_idx" ON "Organization"("bodyId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_oparlId_key" ON "Person"("oparlId");

-- CreateIndex
CREATE INDEX "Person_familyName_idx" ON "Person"("familyName");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_oparlId_key" ON "Membership"("oparlId");

-- CreateIndex
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");

-- CreateIndex
CREATE INDEX "Membership_organizationId_idx" ON "Membership"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Location_oparlId_key" ON "Location"("oparlId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_oparlId_key" ON "Meeting"("oparlId");

-- CreateIndex
CREATE INDEX "Meeting_bodyId_idx" ON "Meeting"("bodyId");

-- CreateIndex
CREATE INDEX "Meeting_start_idx" ON "Meeting"("start");

-- CreateIndex
CREATE INDEX "Meeting_modified_idx" ON "Meeting"("modified");

-- CreateIndex
CREATE INDEX "MeetingOrganization_organizationId_idx" ON "MeetingOrganization"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_oparlId_key" ON "AgendaItem"("oparlId");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_order_idx" ON "AgendaItem"("meetingId", "order");

-- CreateIndex
CREATE INDEX "AgendaItem_parentId_idx" ON "AgendaItem"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_oparlId_key" ON "Consultation"("oparlId");

-- CreateIndex
CREATE INDEX "Consultation_paperId_idx" ON "Consultation"("paperId");

-- CreateIndex
CREATE INDEX "Consultation_agendaItemId_idx" ON "Consultation"("agendaItemId");

-- CreateIndex
CREATE INDEX "Consultation_meetingId_idx" ON "Consultation"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Paper_oparlId_key" ON "Paper"("oparlId");

-- CreateIndex
CREATE INDEX "Paper_reference_idx" ON "Paper"("reference");

-- CreateIndex
CREATE INDEX "Paper_modified_idx" ON "Paper"("modified");

-- CreateIndex
CREATE UNIQUE INDEX "File_oparlId_key" ON "File"("oparlId");

-- CreateIndex
CREATE INDEX "File_meetingId_idx" ON "File"("meetingId");

-- CreateIndex
CREATE INDEX "File_agendaItemId_idx" ON "File"("agendaItemId");

-- CreateIndex
CREATE INDEX "File_paperId_idx" ON "File"("paperId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_meetingId_personId_key" ON "Attendance"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "Vote_agendaItemId_idx" ON "Vote"("agendaItemId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_voteId_personId_key" ON "Ballot"("voteId", "personId");

-- CreateIndex
CREATE INDEX "Assignment_organizationId_idx" ON "Assignment"("organizationId");

-- CreateIndex
CREATE INDEX "StatusReport_assignmentId_date_idx" ON "StatusReport"("assignmentId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingEvent_meetingId_sequence_key" ON "MeetingEvent"("meetingId", "sequence");

-- AddForeignKey
ALTER TABLE "LegislativeTerm" ADD CONSTRAINT "LegislativeTerm_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_subOrganizationOfId_fkey" FOREIGN KEY ("subOrganizationOfId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_legislativeTermId_fkey" FOREIGN KEY ("legislativeTermId") REFERENCES "LegislativeTerm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_onBehalfOfId_fkey" FOREIGN KEY ("onBehalfOfId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_minuteTakerId_fkey" FOREIGN KEY ("minuteTakerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOrganization" ADD CONSTRAINT "MeetingOrganization_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOrganization" ADD CONSTRAINT "MeetingOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSignatory" ADD CONSTRAINT "MeetingSignatory_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSignatory" ADD CONSTRAINT "MeetingSignatory_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationOrganization" ADD CONSTRAINT "ConsultationOrganization_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationOrganization" ADD CONSTRAINT "ConsultationOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Paper" ADD CONSTRAINT "Paper_bodyId_fkey" FOREIGN KEY ("bodyId") REFERENCES "Body"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperOriginatorOrganization" ADD CONSTRAINT "PaperOriginatorOrganization_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperOriginatorOrganization" ADD CONSTRAINT "PaperOriginatorOrganization_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperOriginatorPerson" ADD CONSTRAINT "PaperOriginatorPerson_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaperOriginatorPerson" ADD CONSTRAINT "PaperOriginatorPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "File" ADD CONSTRAINT "File_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "File" ADD CONSTRAINT "File_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "File" ADD CONSTRAINT "File_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_substituteForId_fkey" FOREIGN KEY ("substituteForId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_voteId_fkey" FOREIGN KEY ("voteId") REFERENCES "Vote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_agendaItemId_fkey" FOREIGN KEY ("agendaItemId") REFERENCES "AgendaItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusReport" ADD CONSTRAINT "StatusReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingEvent" ADD CONSTRAINT "MeetingEvent_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
