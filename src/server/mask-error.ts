// What a client sees of an unexpected error: database errors that are the client's doing become
// coded errors; everything else is masked ("Unexpected error."), with no stack or SQL.
import { GraphQLError, Kind } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { PothosValidationError } from '@pothos/core';
import { ApiError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

const prismaCodes: Record<string, () => ApiError> = {
  // "An operation failed because it depends on one or more records that were required but not found."
  P2025: () => new ApiError('NOT_FOUND', 'The record was not found (or was deleted).'),
  P2001: () => new ApiError('NOT_FOUND', 'The record was not found.'),
  P2003: () => new ApiError('NOT_FOUND', 'An ID refers to a record that does not exist.'),
  P2002: () => new ApiError('BAD_USER_INPUT', 'This would create a duplicate.'),
  P2000: () => new ApiError('BAD_USER_INPUT', 'A value is too long for its field.'),
  P2007: () => new ApiError('BAD_USER_INPUT', 'A value has the wrong format.'),
  P2023: () => new ApiError('BAD_USER_INPUT', 'A value has the wrong format.'),
};

/** A variable whose value does not fit its type, or a required one that is missing. */
export function variableError(error: GraphQLError): GraphQLError | undefined {
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.VARIABLE_DEFINITION || (error.extensions.code ?? 'BAD_USER_INPUT') !== 'BAD_USER_INPUT') return undefined;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', field: node.variable.name.value },
  });
}

/** The coded error a client caused (a variable, an argument, a missing record), or undefined. */
export function clientErrorOf(error: unknown): GraphQLError | ApiError | undefined {
  if (error instanceof GraphQLError) {
    const variable = variableError(error);
    if (variable) return variable;
  }
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  // Pothos refuses arguments it cannot read (a cursor of another list, `before` with `first`).
  if (original instanceof PothosValidationError) {
    const nodes = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
    return new GraphQLError(original.message, { ...nodes, extensions: { code: 'BAD_USER_INPUT' } });
  }
  const code = (original as { code?: unknown })?.code;
  if (typeof code === 'string' && prismaCodes[code]) {
    const mapped = prismaCodes[code]();
    return error instanceof GraphQLError
      ? new GraphQLError(mapped.message, { nodes: error.nodes, path: error.path, extensions: mapped.extensions })
      : mapped;
  }
  return undefined;
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  return clientErrorOf(error) ?? yogaMaskError(error, message, isDev);
}

/** An error as Yoga's masking shows it to clients: for the live paths that write results past Yoga. */
export const maskedForClients = (production: boolean) => (error: GraphQLError) => maskError(error, 'Unexpected error.', !production) as GraphQLError;

/**
 * The logger Yoga gets: Yoga logs every error that maskError changes at `error`, but a client's own
 * mistake (an unknown record, a bad variable) is no fault of the server, so it goes to `debug`.
 */
export function maskedErrorLogging(logger: Logger) {
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => (logger[level] as (...args: unknown[]) => void).apply(logger, args);
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (...args: unknown[]) => log(clientErrorOf(args[0]) ? 'debug' : 'error')(...args),
  };
}
