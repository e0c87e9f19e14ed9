import { FileRole as FileRoleValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { CREATED, MODIFIED } from './descriptions.js';
import { globalIdOf } from '../global-id.js';
import { readableNode } from './readable-node.js';

export const FileRole = builder.enumType(FileRoleValues, {
  name: 'FileRole',
  description: 'What a file is for its meeting, item or paper.',
  values: {
    MAIN: { description: 'The main document (e.g. the paper itself).' },
    AUXILIARY: { description: 'An attachment (Anlage).' },
    INVITATION: { description: 'The invitation (Einladung).' },
    RESULTS_PROTOCOL: { description: 'The minutes of results (Ergebnisprotokoll).' },
    VERBATIM_PROTOCOL: { description: 'The verbatim minutes (Wortprotokoll).' },
  },
});

/** OParl File. `accessUrl`/`downloadUrl` are null while only the metadata is known. */
export const File = builder.prismaNode('File', {
  description: 'A document attached to a meeting, an agenda item or a paper (OParl File). A file of an agenda item is visible to whoever may read that item.',
  ...readableNode('file', { name: true, fileName: true, mimeType: true, size: true, role: true }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The title; by default the file name.' }),
    fileName: t.exposeString('fileName', { nullable: true, description: 'The file name, e.g. "Niederschrift.pdf".' }),
    mimeType: t.exposeString('mimeType', { nullable: true, description: 'The media type, taken from the content, e.g. application/pdf.' }),
    size: t.exposeInt('size', { nullable: true, description: 'Size in bytes.' }),
    sha512Checksum: t.exposeString('sha512Checksum', { nullable: true, description: 'SHA-512 of the content, hex.' }),
    date: t.expose('date', { type: 'Date', nullable: true, description: 'Date of the document.' }),
    role: t.expose('role', { type: FileRole, description: 'What the file is.' }),
    meeting: t.relation('meeting', { nullable: true, description: 'The meeting it is attached to.' }),
    agendaItem: t.relation('agendaItem', { nullable: true, description: 'The agenda item it is attached to.' }),
    paper: t.relation('paper', { nullable: true, description: 'The paper it is attached to.' }),
    accessUrl: t.string({
      nullable: true,
      description: 'Where to GET the content inline (with the same bearer token); the source URL of a file only referenced; null while only the metadata is known.',
      select: { id: true, storageKey: true, externalUrl: true },
      resolve: (file, _args, ctx) =>
        file.storageKey ? `${ctx.services.config.publicUrl}/files/${globalIdOf('File', file.id)}` : file.externalUrl,
    }),
    downloadUrl: t.string({
      nullable: true,
      description: 'Where to GET the content as an attachment; null when the content is not stored here.',
      select: { id: true, storageKey: true },
      resolve: (file, _args, ctx) =>
        file.storageKey ? `${ctx.services.config.publicUrl}/files/${globalIdOf('File', file.id)}/download` : null,
    }),
    created: t.expose('created', { type: 'DateTime', description: CREATED }),
    modified: t.expose('modified', { type: 'DateTime', description: MODIFIED }),
  }),
});
