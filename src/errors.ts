// Every error a client may see has a stable `extensions.code`. Anything else is masked by Yoga.
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  /** The HTTP request is no GraphQL request that can be read (a malformed multipart upload, a batch). */
  | 'BAD_REQUEST'
  /** The HTTP request body is larger than 25 MB (413). */
  | 'REQUEST_ENTITY_TOO_LARGE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'INVALID_STATE'
  | 'VOTE_CLOSED'
  | 'ALREADY_VOTED'
  | 'NOT_ENTITLED'
  /** The person is on the speakers' list of the item already (waiting, of the same kind). */
  | 'ALREADY_REQUESTED'
  /** A subscriber fell too far behind and was closed; it may resume with its last cursor. */
  | 'SUBSCRIBER_TOO_SLOW'
  /** The operation is deeper than 12 levels or costs more than the limit (README "Limits"); refused before execution. */
  | 'QUERY_TOO_COMPLEX'
  /** Too many requests from this client in the window; retry after `extensions.retryAfter` seconds. */
  | 'RATE_LIMITED'
  /** A WebSocket runs as many operations at once as it may. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** Trusted documents: no document is registered under the hash sent. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Trusted documents only (TRUSTED_DOCUMENTS=only): a document was sent instead of a hash. */
  | 'PERSISTED_QUERY_ONLY';

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, field?: string) =>
  new ApiError('BAD_USER_INPUT', message, field ? { field } : {});
export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do this.') => new ApiError('FORBIDDEN', message);
export const unauthenticated = (message: string) => new ApiError('UNAUTHENTICATED', message);
export const invalidState = (message: string) => new ApiError('INVALID_STATE', message);
