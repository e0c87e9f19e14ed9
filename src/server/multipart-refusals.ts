// A malformed multipart request (file uploads, GraphQL multipart request spec) is refused with
// BAD_REQUEST and 400 under every media type. Yoga's multipart parser leaves some of its refusals
// uncoded ("Missing multipart form field \"operations\"", a `map` that is no JSON) and answers
// them 200; a request that is not a GraphQL request at all is no case for the 200 that GraphQL
// over HTTP asks for under application/json.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ApiError } from '../errors.js';

const isMultipart = (request: Request) => request.headers.get('content-type')?.toLowerCase().startsWith('multipart/form-data') ?? false;

export const multipartRefusals: Plugin = {
  onRequestParse({ request, requestParser, setRequestParser }) {
    if (!requestParser || request.method !== 'POST' || !isMultipart(request)) return;
    setRequestParser(async (parsed) => {
      try {
        return await requestParser(parsed);
      } catch (error) {
        // Other codes keep their own answer (413 for a file above the size limit).
        if (!(error instanceof GraphQLError) || (error.extensions.code ?? 'BAD_REQUEST') !== 'BAD_REQUEST') throw error;
        throw new ApiError('BAD_REQUEST', error.message, { http: { status: 400, spec: false } });
      }
    });
  },
};
