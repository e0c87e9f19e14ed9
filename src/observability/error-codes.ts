// The `extensions.code` of every error in a result (or each result of a batch or stream).
type Result = { errors?: readonly { extensions?: { code?: unknown } }[] };

export function errorCodesOf(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as Result[];
  return results.flatMap((one) => (one?.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN')));
}
