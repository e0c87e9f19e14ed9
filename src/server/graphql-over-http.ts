// GraphQL over HTTP: a response without `data` — the request was refused before execution
// (syntax, validation, variables, limits, token) — answers 4xx under
// `application/graphql-response+json`. Marked `spec`, Yoga keeps 200 for the same errors under
// `application/json`, as the specification asks of that media type.
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

const statusOfCode: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, RATE_LIMITED: 429 };

interface HttpExtension {
  status?: number;
  spec?: boolean;
  headers?: Record<string, string>;
}

function markRequestError(error: GraphQLError) {
  const code = error.extensions.code;
  if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') return;
  const http = ((error.extensions as { http?: HttpExtension }).http ??= {});
  // graphql-tools' executor marks refused variables 400 but not `spec`.
  if (http.status === undefined || (http.status === 400 && http.spec === undefined)) {
    http.status ??= statusOfCode[code] ?? 400;
    http.spec = true;
  }
}

export const requestErrorStatus: Plugin = {
  onResultProcess({ result }) {
    if (isAsyncIterable(result)) return;
    for (const one of Array.isArray(result) ? result : [result]) {
      if (!('data' in one) || one.data === undefined) for (const error of one.errors ?? []) markRequestError(error);
    }
  },
};
