import { FileRole as FileRoleValues } from '../generated/prisma/enums.js';
import { builder } from './builder.js';
import { globalIdOf } from '../global-id.js';

export const FileRole = builder.enumType(FileRoleValues, { name: 'FileRole' });

/** OParl File. `accessUrl`/`downloadUrl` are null while only the metadata is known. */
export const File = builder.prismaNode('File', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    fileName: t.exposeString('fileName', { nullable: true }),
    mimeType: t.exposeString('mimeType', { nullable: true }),
    size: t.exposeInt('size', { nullable: true }),
    sha512Checksum: t.exposeString('sha512Checksum', { nullable: true }),
    date: t.expose('date', { type: 'Date', nullable: true }),
    role: t.expose('role', { type: FileRole }),
    meeting: t.relation('meeting', { nullable: true }),
    agendaItem: t.relation('agendaItem', { nullable: true }),
    paper: t.relation('paper', { nullable: true }),
    accessUrl: t.string({
      nullable: true,
      select: { id: true, storageKey: true, externalUrl: true },
      resolve: (file, _args, ctx) =>
        file.storageKey ? `${ctx.services.config.publicUrl}/files/${globalIdOf('File', file.id)}` : file.externalUrl,
    }),
    downloadUrl: t.string({
      nullable: true,
      select: { id: true, storageKey: true },
      resolve: (file, _args, ctx) =>
        file.storageKey ? `${ctx.services.config.publicUrl}/files/${globalIdOf('File', file.id)}/download` : null,
    }),
    created: t.expose('created', { type: 'DateTime' }),
    modified: t.expose('modified', { type: 'DateTime' }),
  }),
});
