-- Search reads only indexes and short stored documents (src/search/search.ts).
-- Meetings get a stored search document like the other searched records (migration
-- full_text_search_columns): with the expression index, search computed the document of every
-- meeting's name for each query, as the planner cannot see how common a word is.
DROP INDEX "Meeting_search_idx";

ALTER TABLE "Meeting" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (setweight(council_document("name"), 'A')) STORED;

CREATE INDEX "Meeting_searchVector_idx" ON "Meeting" USING GIN ("searchVector");

-- The archive is read far more than written: a write enters its words into the index at once,
-- instead of a pending list that every search scans in full until a vacuum merges it (after a
-- bulk import, hundreds of pages per query).
ALTER INDEX "Meeting_searchVector_idx" SET (fastupdate = off);
ALTER INDEX "AgendaItem_searchTitle_idx" SET (fastupdate = off);
ALTER INDEX "AgendaItem_searchText_idx" SET (fastupdate = off);
ALTER INDEX "Paper_searchVector_idx" SET (fastupdate = off);
ALTER INDEX "Assignment_searchVector_idx" SET (fastupdate = off);
ALTER INDEX "File_searchVector_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list(index::regclass)
FROM unnest(ARRAY['"AgendaItem_searchTitle_idx"', '"AgendaItem_searchText_idx"', '"Paper_searchVector_idx"', '"Assignment_searchVector_idx"', '"File_searchVector_idx"']) index;
