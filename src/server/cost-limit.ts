// Refuses an operation that costs more than the limit with QUERY_TOO_COMPLEX before anything is
// executed, over HTTP, SSE and WebSocket alike. The cost of each field is declared with the schema
// (src/schema/cost.ts) and summed by @pothos/plugin-complexity with the request's variables.
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { ApiError } from '../errors.js';
import { variableError } from './mask-error.js';

/** The cost of the operation that will run (not simply the document's first one), or a client error. */
function costOf(args: ExecutionArgs): number | GraphQLError | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined; // execution reports the missing operation
  const fragments = args.document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  try {
    return complexityFromQuery(document, { schema: args.schema, ctx: args.contextValue as object, variables: args.variableValues ?? {} }).complexity;
  } catch (error) {
    // Variables that cannot be coerced, or an argument the schema refuses (a malformed ID).
    if (error instanceof GraphQLError) return variableError(error) ?? (error.extensions.code ? error : new ApiError('BAD_USER_INPUT', error.message));
    throw error;
  }
}

export function costLimit(maxCost: number): Plugin {
  const check = (args: ExecutionArgs, refuse: (result: { errors: GraphQLError[] }) => void) => {
    const cost = costOf(args);
    if (cost instanceof GraphQLError) return refuse({ errors: [cost] });
    if (cost !== undefined && cost > maxCost) {
      refuse({
        errors: [new ApiError('QUERY_TOO_COMPLEX', `The operation costs ${cost}, more than the limit of ${maxCost}; ask for smaller pages or fewer fields.`, { cost, maxCost })],
      });
    }
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
    onSubscribe: ({ args, setResultAndStopExecution }) => check(args, setResultAndStopExecution),
  };
}
