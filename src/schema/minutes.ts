// Meeting.minutes: the Niederschrift in Markdown or HTML, or a link to the PDF.
import { builder } from './builder.js';
import { Meeting } from './meeting.js';
import { globalIdOf } from './ids.js';
import { buildMinutes } from '../minutes/minutes.js';
import { minutesPath } from '../minutes/route.js';
import { mediaTypes, renderText, type DocumentFormat } from '../documents/formats.js';

export const MinutesFormat = builder.enumType('MinutesFormat', {
  description: 'Formats of the minutes and of the resolutions report.',
  values: ['MARKDOWN', 'HTML', 'PDF'] as const,
});

export interface RenderedDocument {
  format: DocumentFormat;
  content: string | null;
  downloadUrl: string | null;
}

/** A document in one format: Markdown and HTML inline, PDF as a download URL. */
export const RenderedDocumentType = builder.objectRef<RenderedDocument>('Minutes').implement({
  description: 'A rendered document (the minutes or the resolutions report).',
  fields: (t) => ({
    format: t.field({ type: MinutesFormat, resolve: (d) => d.format }),
    mediaType: t.string({ resolve: (d) => mediaTypes[d.format] }),
    content: t.string({ nullable: true, description: 'The document, for MARKDOWN and HTML.', resolve: (d) => d.content }),
    downloadUrl: t.string({
      nullable: true,
      description: 'For PDF: where to GET it, with the same bearer token (without one: the public version).',
      resolve: (d) => d.downloadUrl,
    }),
  }),
});

builder.objectField(Meeting, 'minutes', (t) =>
  t.field({
    type: RenderedDocumentType,
    description: 'The minutes (Niederschrift) as the viewer may read them: the non-public part only for members and clerks.',
    args: { format: t.arg({ type: MinutesFormat, required: true }) },
    select: { id: true },
    resolve: async (meeting, { format }, ctx) => {
      if (format === 'PDF') return { format, content: null, downloadUrl: `${ctx.services.config.publicUrl}${minutesPath(globalIdOf('Meeting', meeting.id))}` };
      return { format, content: renderText(await buildMinutes(ctx.prisma, ctx.viewer, meeting.id), format), downloadUrl: null };
    },
  }),
);
