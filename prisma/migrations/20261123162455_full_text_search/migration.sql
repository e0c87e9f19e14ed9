-- German full-text search over the archive (src/search/search.ts). Hand-written: Prisma cannot
-- declare expression indexes. `council_document` joins the searchable columns of a row into one
-- German tsvector; the GIN indexes below are on exactly the calls the search query makes.
-- Umlaut spellings (ae/ä, oe/ö, ue/ü) are matched by expanding the query, not by folding the
-- documents, so that ts_headline can highlight the original text (the German stemmer itself
-- already folds ä→a, ö→o, ü→u and ß→ss).
CREATE FUNCTION council_document(VARIADIC parts text[]) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT to_tsvector('german'::regconfig, array_to_string(parts, ' ')) $$;

CREATE INDEX "Meeting_search_idx" ON "Meeting" USING GIN (council_document("name"));
-- An agenda item's title is public; its texts only to those entitled: two documents.
CREATE INDEX "AgendaItem_search_title_idx" ON "AgendaItem" USING GIN (council_document("name", "subtitle"));
CREATE INDEX "AgendaItem_search_text_idx" ON "AgendaItem" USING GIN (council_document("name", "subtitle", "protocolText", "resolutionText"));
CREATE INDEX "Paper_search_idx" ON "Paper" USING GIN (council_document("name", "reference"));
CREATE INDEX "Assignment_search_idx" ON "Assignment" USING GIN (council_document("text", "note"));
CREATE INDEX "File_search_idx" ON "File" USING GIN (council_document("name", "text"));
