-- AlterTable
ALTER TABLE "Ballot" ADD COLUMN     "seatPersonId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_voteId_seatPersonId_key" ON "Ballot"("voteId", "seatPersonId");
