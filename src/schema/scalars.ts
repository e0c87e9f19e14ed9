// ISO 8601 scalars. DateTime is an instant with offset; Date a calendar day (YYYY-MM-DD).
import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.js';
import { parseIsoDate, parseIsoDateTime } from '../iso-dates.js';

function parse(parser: (value: unknown) => Date | undefined, what: string, value: unknown): Date {
  const date = parser(value);
  if (!date) {
    throw new GraphQLError(`"${String(value)}" is not a valid ${what}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 with offset, e.g. 2024-11-21T16:32:00+01:00; returned in UTC.',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parse(parseIsoDateTime, 'DateTime (ISO 8601 with offset)', value),
  parseLiteral: (ast) => parse(parseIsoDateTime, 'DateTime (ISO 8601 with offset)', ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601, e.g. 2024-11-29.',
  serialize: (value) => (value as Date).toISOString().slice(0, 10),
  parseValue: (value) => parse(parseIsoDate, 'Date (YYYY-MM-DD)', value),
  parseLiteral: (ast) => parse(parseIsoDate, 'Date (YYYY-MM-DD)', ast.kind === Kind.STRING ? ast.value : undefined),
});
