// Uploading attachments (GraphQL multipart request spec, handled by Yoga), deleting them, and
// File.text, the text extracted for search.
import { storeUpload } from '../files/upload.js';
import { badInput } from '../errors.js';
import { builder } from './builder.js';
import { expensive } from './cost.js';
import { mutation } from './descriptions.js';
import { File, FileRole } from './file.js';
import { idOf } from '../global-id.js';
import { optionalText } from './validate.js';

builder.scalarType('Upload', {
  description: 'A file sent as a part of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new Error('Upload is an input type only.');
  },
  // Yoga hands over a File of its fetch implementation (not necessarily the global class).
  parseValue: (value) => {
    const file = value as File | null;
    if (typeof file?.arrayBuffer !== 'function' || typeof file.name !== 'string') throw badInput('Expected a file of a multipart request.', 'file');
    return file;
  },
});

builder.prismaObjectField(File, 'text', (t) =>
  t.exposeString('text', { nullable: true, complexity: expensive.fileText, description: 'The text of a PDF or text file, extracted at upload for search (OParl File.text).' }),
);

builder.mutationFields((t) => ({
  uploadFile: t.prismaField({
    type: File,
    description: mutation(
      'Stores an attachment. Its type is taken from its content; PDF, images, text and office documents up to 20 MB are accepted. ' +
        'A file of an agenda item is visible to whoever may read that item.',
      ['NOT_FOUND'],
    ),
    args: {
      file: t.arg({ type: 'Upload', required: true, description: 'The file, as a part of a GraphQL multipart request.' }),
      name: t.arg.string({ description: 'Title; by default the file name.' }),
      role: t.arg({ type: FileRole, description: 'What the file is; by default AUXILIARY.' }),
      date: t.arg({ type: 'Date', description: 'Date of the document.' }),
      meetingId: t.arg.id({ description: 'Attach it to this Meeting.' }),
      agendaItemId: t.arg.id({ description: 'Attach it to this AgendaItem (and its meeting).' }),
      paperId: t.arg.id({ description: 'Attach it to this Paper.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await storeUpload(ctx.prisma, ctx.services.files, args.file, {
        name: optionalText(args.name, 'name', 500),
        role: args.role,
        date: args.date,
        meetingId: args.meetingId ? idOf(args.meetingId, 'Meeting', 'meetingId') : null,
        agendaItemId: args.agendaItemId ? idOf(args.agendaItemId, 'AgendaItem', 'agendaItemId') : null,
        paperId: args.paperId ? idOf(args.paperId, 'Paper', 'paperId') : null,
      });
      return ctx.prisma.file.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  deleteFile: t.prismaField({
    type: File,
    description: mutation('Soft delete: the file stays in the archive; its URLs answer 410 Gone.', ['NOT_FOUND']),
    args: { fileId: t.arg.id({ required: true, description: 'The file to delete.' }) },
    resolve: (query, _root, args, ctx) => {
      return ctx.prisma.file.update({ ...query, where: { id: idOf(args.fileId, 'File', 'fileId'), deleted: false }, data: { deleted: true } });
    },
  }),
}));
