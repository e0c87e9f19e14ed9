// Meeting.minutes: the Niederschrift in Markdown or HTML, or a link to the PDF.
import { builder } from './builder.js';
import { expensive } from './cost.js';
import { Meeting } from './meeting.js';
import { globalIdOf } from '../global-id.js';
import { DocumentFormat, renderedDocument, renderedDocumentType } from './document.js';
import { buildMinutes } from '../minutes/minutes.js';
import { minutesPath } from '../minutes/route.js';

const Minutes = renderedDocumentType('Minutes', 'The minutes (Niederschrift) of a meeting in one format.');

builder.prismaObjectField(Meeting, 'minutes', (t) =>
  t.field({
    type: Minutes,
    description: 'The minutes as the viewer may read them: the non-public part only for members and clerks.',
    args: { format: t.arg({ type: DocumentFormat, required: true, description: 'Markdown or HTML inline, or a PDF link.' }) },
    complexity: expensive.minutes,
    resolve: (meeting, { format }, ctx) =>
      renderedDocument(format, `${ctx.services.config.publicUrl}${minutesPath(globalIdOf('Meeting', meeting.id))}`, () =>
        buildMinutes(ctx.prisma, ctx.viewer, meeting.id),
      ),
  }),
);
