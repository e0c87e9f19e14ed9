-- The meetings connection orders by "start" DESC, "id". With "start" alone PostgreSQL built the
-- relations' JSON of a page's rows first and then sorted those wide rows by "id" within equal
-- starts; with both columns in one index the rows come in order and nothing is sorted (the
-- 50-meeting list with agenda items: 1.72 -> 1.49 ms per statement by pgbench, 3 alternating
-- runs). It still serves ranges of "start".
-- DropIndex
DROP INDEX "Meeting_start_idx";

-- CreateIndex
CREATE INDEX "Meeting_start_id_idx" ON "Meeting"("start" DESC, "id");
