// What an upload really is: its type from its first bytes (the client's claim is not trusted),
// a file name safe for headers and file systems, and its text for search (OParl File.text).
import { extractText, getDocumentProxy } from 'unpdf';

/** Uploads above this size are refused; below the request limit (25 MB, src/server/request-body-limit.ts), which answers 413 first. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Extracted text is cut here: enough for search, bounded for the database. */
const MAX_TEXT_CHARS = 1_000_000;

const startsWith = (data: Uint8Array, ...bytes: number[]) => bytes.every((byte, i) => data[i] === byte);

const officeTypes: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

function isUtf8Text(data: Uint8Array): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** The media type by magic bytes; undefined for a type the archive does not accept. */
export function sniffMediaType(data: Uint8Array, fileName: string): string | undefined {
  if (startsWith(data, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (startsWith(data, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(data, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(data, 0x47, 0x49, 0x46, 0x38)) return 'image/gif'; // GIF8
  // Office documents are ZIP archives; which one, only the name tells.
  if (startsWith(data, 0x50, 0x4b, 0x03, 0x04)) return officeTypes[fileName.split('.').pop()?.toLowerCase() ?? ''];
  if (isUtf8Text(data)) return 'text/plain; charset=utf-8';
  return undefined;
}

const MAX_NAME_LENGTH = 200;
const trimName = (name: string) => name.replace(/^[\s.]+|[\s.]+$/g, '');

/** The first characters of `text` that fit into `length` UTF-16 units, never half a character. */
function fit(text: string, length: number): string {
  let result = '';
  for (const character of text) {
    if (result.length + character.length > length) break;
    result += character;
  }
  return result;
}

/**
 * The last path segment, without control and reserved characters, at most 200 characters. A long
 * name is shortened before its extension, which stays: it decides an office document's type.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = trimName(
    base
      .normalize('NFC')
      // Tabs and line breaks are spaces first, then the other control characters go.
      .replace(/\s+/g, ' ')
      .replace(/[\u0000-\u001f\u007f"*:<>?|]/g, ''),
  );
  if (clean.length <= MAX_NAME_LENGTH) return clean || 'datei';
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(clean)?.[0] ?? '';
  return `${trimName(fit(clean.slice(0, clean.length - extension.length), MAX_NAME_LENGTH - extension.length))}${extension}`;
}

export async function extractFileText(data: Uint8Array, mediaType: string): Promise<string | null> {
  if (mediaType.startsWith('text/plain')) return new TextDecoder().decode(data).slice(0, MAX_TEXT_CHARS);
  if (mediaType !== 'application/pdf') return null;
  // A broken PDF is still stored; it just has no searchable text.
  const text = await getDocumentProxy(new Uint8Array(data))
    .then((pdf) => extractText(pdf, { mergePages: true }))
    .then((result) => result.text.replace(/\u0000/g, "").trim(), () => null);
  return text ? text.slice(0, MAX_TEXT_CHARS) : null;
}
