// ISO 8601 scalars. DateTime is an instant with offset; Date a calendar day (YYYY-MM-DD).
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(pattern: RegExp, what: string, value: unknown): Date {
  const date = typeof value === 'string' && pattern.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`"${String(value)}" is not a valid ${what}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 with offset, e.g. 2024-11-21T16:32:00+01:00; returned in UTC.',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parse(DATE_TIME, 'DateTime (ISO 8601 with offset)', value),
  parseLiteral: (ast) => parse(DATE_TIME, 'DateTime (ISO 8601 with offset)', ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601, e.g. 2024-11-29.',
  serialize: (value) => (value as Date).toISOString().slice(0, 10),
  parseValue: (value) => parse(DATE, 'Date (YYYY-MM-DD)', value),
  parseLiteral: (ast) => parse(DATE, 'Date (YYYY-MM-DD)', ast.kind === Kind.STRING ? ast.value : undefined),
});
