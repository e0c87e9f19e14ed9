// Input checks shared by the mutations. Each failure names the argument it is about.
import { badInput } from '../errors.js';

export function requiredText(value: string, argument: string, max = 10_000): string {
  const text = value.trim();
  if (!text) throw badInput(`${argument} must not be empty.`, argument);
  if (text.length > max) throw badInput(`${argument} is longer than ${max} characters.`, argument);
  return text;
}

/** undefined keeps a stored value, null clears it. */
export function optionalText(value: string | null | undefined, argument: string, max = 100_000) {
  if (value === undefined || value === null) return value;
  const text = value.trim();
  if (text.length > max) throw badInput(`${argument} is longer than ${max} characters.`, argument);
  return text || null;
}

export function chronological(start: Date | null | undefined, end: Date | null | undefined, argument = 'end') {
  if (start && end && end < start) throw badInput(`${argument} must not be before the start.`, argument);
}

export function nonNegative(value: number | null | undefined, argument: string) {
  if (value !== null && value !== undefined && value < 0) throw badInput(`${argument} must not be negative.`, argument);
  return value;
}

/** GraphQL treats an omitted argument as undefined; for non-nullable columns a null is a mistake. */
export function notNull<T>(value: T | null | undefined, argument: string): T | undefined {
  if (value === null) throw badInput(`${argument} cannot be null.`, argument);
  return value;
}
