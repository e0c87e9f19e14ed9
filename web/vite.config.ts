// Builds the two pages (meeting-room display, voting page) into web/dist, which the API server
// serves under /web/ (src/server/web-pages.ts). No dev server is needed: the pages talk to the
// API of the origin they are served from.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/web/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: { live: `${root}live.html`, vote: `${root}vote.html` },
    },
  },
});
