// Uploading through the GraphQL multipart request spec, as the web client does.
import type { TestServer } from './server.js';

const UPLOAD = `mutation($file: Upload!, $agendaItem: ID, $paper: ID, $name: String) {
  uploadFile(file: $file, agendaItemId: $agendaItem, paperId: $paper, name: $name) {
    id name fileName mimeType size sha512Checksum text accessUrl downloadUrl meeting { id }
  }
}`;

export interface Uploaded {
  id: string;
  name: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha512Checksum: string;
  text: string | null;
  accessUrl: string;
  downloadUrl: string;
  meeting: { id: string } | null;
}

/** `claimedType` is what the browser says; the server decides by content. */
export async function uploadFile(
  server: Pick<TestServer, 'url'>,
  data: Uint8Array,
  fileName: string,
  variables: Record<string, unknown>,
  token?: string,
  claimedType = 'text/html',
) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: UPLOAD, variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(data)], { type: claimedType }), fileName);
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return (await response.json()) as { data?: { uploadFile: Uploaded }; errors?: { extensions?: { code?: string } }[] };
}

/** A URL of the API (built from PUBLIC_URL) on the test server. */
export const localUrl = (server: TestServer, url: string) => url.replace(server.services.config.publicUrl, server.url);
