// Accepting an upload: size limit, type by content, sanitised name, SHA-512, text for search;
// the bytes go to the content-addressed store, the metadata into an OParl File record.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { FileRole } from '../generated/prisma/enums.js';
import { badInput, notFound } from '../errors.js';
import { extractFileText, MAX_FILE_BYTES, sanitizeFileName, sniffMediaType } from './content.js';
import type { FileStore } from './store.js';

export interface UploadTarget {
  name?: string | null;
  role?: FileRole | null;
  date?: Date | null;
  meetingId?: string | null;
  agendaItemId?: string | null;
  paperId?: string | null;
}

/** Puts the bytes into the store; returns the File fields that describe them (shared with the OParl importer). */
export async function storeContent(store: FileStore, data: Uint8Array, mimeType: string) {
  const sha512 = createHash('sha512').update(data).digest('hex');
  await store.put(sha512, data);
  return { mimeType, size: data.length, sha512Checksum: sha512, storageKey: sha512, text: await extractFileText(data, mimeType) };
}

/** Stores the upload and returns the id of its File record. */
export async function storeUpload(prisma: PrismaClient, store: FileStore, upload: File, target: UploadTarget): Promise<string> {
  if (upload.size > MAX_FILE_BYTES) throw badInput(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`, 'file');
  if (upload.size === 0) throw badInput('The file is empty.', 'file');
  const data = new Uint8Array(await upload.arrayBuffer());
  const fileName = sanitizeFileName(upload.name);
  const mimeType = sniffMediaType(data, fileName);
  if (!mimeType) throw badInput('This type of file is not accepted (PDF, images, text and office documents are).', 'file');

  // The item decides the meeting: a file of an agenda item belongs to that item's meeting.
  let meetingId = target.meetingId ?? null;
  if (target.agendaItemId) {
    const item = await prisma.agendaItem.findFirst({ where: { id: target.agendaItemId, deleted: false }, select: { meetingId: true } });
    if (!item) throw notFound('Agenda item');
    if (meetingId && meetingId !== item.meetingId) throw badInput('The agenda item belongs to another meeting.', 'meetingId');
    meetingId = item.meetingId;
  }

  const file = await prisma.file.create({
    select: { id: true },
    data: {
      name: target.name?.trim() || fileName,
      fileName,
      ...(await storeContent(store, data, mimeType)),
      date: target.date ?? null,
      role: target.role ?? undefined,
      meetingId,
      agendaItemId: target.agendaItemId ?? null,
      paperId: target.paperId ?? null,
    },
  });
  return file.id;
}
