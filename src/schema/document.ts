// The shape of a rendered document (the minutes, the resolutions report): Markdown and HTML
// inline, PDF as a download URL served by a plain HTTP route.
import { builder } from './builder.js';
import type { Document } from '../documents/document.js';
import { mediaTypes, renderText, type DocumentFormat as Format } from '../documents/formats.js';

export const DocumentFormat = builder.enumType('DocumentFormat', {
  description: 'Formats of the minutes and of the resolutions report.',
  values: {
    MARKDOWN: { description: 'Markdown (CommonMark), inline in content.' },
    HTML: { description: 'An HTML fragment, inline in content.' },
    PDF: { description: 'PDF, to GET from downloadUrl.' },
  } satisfies Record<Format, { description: string }>,
});

export interface RenderedDocument {
  format: Format;
  content: string | null;
  downloadUrl: string | null;
}

export function renderedDocumentType(name: string, description: string) {
  return builder.objectRef<RenderedDocument>(name).implement({
    description,
    fields: (t) => ({
      format: t.field({ type: DocumentFormat, description: 'The format asked for.', resolve: (d) => d.format }),
      mediaType: t.string({ description: 'Its media type, e.g. text/markdown; charset=utf-8.', resolve: (d) => mediaTypes[d.format] }),
      content: t.string({ nullable: true, description: 'The document, for MARKDOWN and HTML.', resolve: (d) => d.content }),
      downloadUrl: t.string({
        nullable: true,
        description: 'For PDF: where to GET it, with the same bearer token (without one: the public version).',
        resolve: (d) => d.downloadUrl,
      }),
    }),
  });
}

/** PDF is only a link to its route (rendered there for the bearer); the document is built for the text formats only. */
export async function renderedDocument(format: Format, pdfUrl: string, build: () => Document | Promise<Document>): Promise<RenderedDocument> {
  return format === 'PDF' ? { format, content: null, downloadUrl: pdfUrl } : { format, content: renderText(await build(), format), downloadUrl: null };
}
