// A small GraphQL-over-HTTP client for scripts, benchmarks and tests that drive a running
// server: it answers `data` and throws when the server answers `errors`.
export type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

export function graphqlClient(url: string, token?: string): Gql {
  return async (query, variables) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: unknown };
    if (errors) throw new Error(JSON.stringify(errors));
    return data;
  };
}
