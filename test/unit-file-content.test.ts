// What an upload is (by its bytes), the name it is stored under, and the text search finds in it.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractFileText, sanitizeFileName, sniffMediaType } from '../src/files/content.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);
const zip = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00);

function pdfWith(text: string): Promise<Uint8Array> {
  const pdf = new PDFDocument();
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve) => pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  pdf.text(text);
  pdf.end();
  return done;
}

describe('the type of an upload, by its first bytes', () => {
  it.each([
    { case: 'PDF', data: utf8('%PDF-1.7\n…'), name: 'vorlage.txt', type: 'application/pdf' },
    { case: 'PNG', data: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), name: 'plan.pdf', type: 'image/png' },
    { case: 'JPEG', data: bytes(0xff, 0xd8, 0xff, 0xe0), name: 'foto.jpg', type: 'image/jpeg' },
    { case: 'GIF', data: utf8('GIF89a'), name: 'bild.gif', type: 'image/gif' },
    { case: 'Word (a ZIP named .docx)', data: zip, name: 'Antrag.DOCX', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    { case: 'OpenDocument text', data: zip, name: 'antrag.odt', type: 'application/vnd.oasis.opendocument.text' },
    { case: 'a ZIP of anything else', data: zip, name: 'archiv.zip', type: undefined },
    { case: 'UTF-8 text', data: utf8('Niederschrift über die Sitzung'), name: 'protokoll.exe', type: 'text/plain; charset=utf-8' },
    { case: 'Latin-1 text (not UTF-8)', data: bytes(0x47, 0x72, 0xfc, 0xdf, 0x65), name: 'gruesse.txt', type: undefined },
    { case: 'bytes with NUL', data: bytes(0x41, 0x00, 0x42), name: 'a.txt', type: undefined },
    { case: 'an executable', data: bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00), name: 'tool.pdf', type: undefined },
  ])('$case', ({ data, name, type }) => {
    expect(sniffMediaType(data, name)).toBe(type);
  });
});

describe('the stored file name', () => {
  const long = `${'Beschlussvorlage '.repeat(15)}Anlage`; // 261 characters before the extension
  it.each([
    { case: 'the last path segment only', name: '../../etc/passwd', stored: 'passwd' },
    { case: 'Windows paths', name: 'C:\\Users\\rat\\Bericht 2024.pdf', stored: 'Bericht 2024.pdf' },
    { case: 'reserved characters removed', name: 'Prä<sentation>:1?.pdf', stored: 'Präsentation1.pdf' },
    { case: 'control characters removed', name: 'a\u0000b\u001f\u007fc.txt', stored: 'abc.txt' },
    { case: 'whitespace collapsed', name: 'Haushalt\t2025\n  Entwurf.pdf', stored: 'Haushalt 2025 Entwurf.pdf' },
    { case: 'leading and trailing dots and spaces removed', name: ' ..versteckt. ', stored: 'versteckt' },
    { case: 'composed Unicode (NFC)', name: 'Bu\u0308rgerantrag.pdf', stored: 'Bürgerantrag.pdf' },
    { case: 'nothing left', name: '../...', stored: 'datei' },
    { case: 'a long name keeps its extension', name: `${long}.docx`, stored: `${long.slice(0, 195)}.docx` },
    { case: 'a long name without extension', name: long, stored: long.slice(0, 200) },
    { case: 'shortened, it ends on no space', name: `${'a'.repeat(199)} ${'b'.repeat(10)}`, stored: 'a'.repeat(199) },
    { case: 'shortened, it splits no character', name: `${'a'.repeat(195)}😀😀.txt`, stored: `${'a'.repeat(195)}.txt` },
  ])('$case', ({ name, stored }) => {
    expect(sanitizeFileName(name)).toBe(stored);
    expect(sanitizeFileName(name).length).toBeLessThanOrEqual(200);
  });

  it('keeps what decides an office document’s type', () => {
    expect(sniffMediaType(zip, sanitizeFileName(`${'Sitzungsvorlage '.repeat(20)}.docx`))).toMatch(/wordprocessingml/);
  });
});

describe('the text of a file', () => {
  it('of a plain text file, without its byte order mark', async () => {
    expect(await extractFileText(bytes(0xef, 0xbb, 0xbf, ...utf8('Grüße aus dem Rathaus')), 'text/plain; charset=utf-8')).toBe('Grüße aus dem Rathaus');
  });

  it('of a PDF', async () => {
    expect(await extractFileText(await pdfWith('Ergebnis des Quastenflosser-Checks'), 'application/pdf')).toBe('Ergebnis des Quastenflosser-Checks');
    expect(await extractFileText(await pdfWith(''), 'application/pdf')).toBeNull();
  });

  it.each([
    { case: 'a broken PDF', data: utf8('%PDF-1.7 kaputt'), type: 'application/pdf' },
    { case: 'an image', data: bytes(0xff, 0xd8, 0xff, 0xe0), type: 'image/jpeg' },
  ])('none of $case', async ({ data, type }) => {
    expect(await extractFileText(data, type)).toBeNull();
  });
});
