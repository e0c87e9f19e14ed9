-- Search reads the row of every agenda item whose text matches (public, deleted, meeting, title:
-- src/search/search.ts), but the text's document only through its GIN index and to rank the best
-- 100 matches. Stored in the row, compressed, that document made the rows so wide that the 3,600
-- matches of a common word lay on 2,300 of 3,300 pages (bench/search.ts's archive). Out of line
-- and uncompressed (ranking reads it without decompressing), with the long texts moved out from
-- 400 bytes on, the rows take a third of the pages; the title's document stays in the row and
-- uncompressed as long as the row allows. Rows take this layout when written; existing ones with
-- a one-off VACUUM FULL "AgendaItem" (which cannot run inside a migration's transaction).
ALTER TABLE "AgendaItem" ALTER COLUMN "searchText" SET STORAGE EXTERNAL, ALTER COLUMN "searchTitle" SET STORAGE MAIN, SET (toast_tuple_target = 400);
