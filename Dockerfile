# The production image: compiled JavaScript on Node 24 LTS, production dependencies only, the
# pages prebuilt, running as the unprivileged `node` user. Configuration by environment (README,
# "Running in production"); the embedded database and the file store live under /data.

# 1. Build: all dependencies, the Prisma client, the pages (Vite) and src/ compiled to dist/.
FROM node:24-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

# 2. Production dependencies only: no Vite, no TypeScript, no tsx.
FROM node:24-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/postinstall.mjs scripts/prisma-generate.mjs ./scripts/
COPY prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs.
FROM node:24-slim
# A young generation of 64 MB instead of V8's 16 MB: a request's short-lived objects (Prisma's
# rows, the response) fill it four times more slowly, so the server collects garbage less often
# (bench:postgraphile runs its server with the same options, bench/support.ts).
ENV NODE_ENV=production PORT=4000 DATA_DIR=/data NODE_OPTIONS=--max-semi-space-size=64
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
# The pages' operations, registered as trusted documents (src/server/trusted-documents.ts).
COPY --from=build /app/web/src/generated/persisted-documents.json ./web/src/generated/
COPY package.json ./
COPY prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
