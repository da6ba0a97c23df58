# newsbrief: embedded mode by default (SQLite in /data); set REDIS_URL for queue mode, and the
# command `node bin/newsbrief.js worker` or `... bot` for its roles (compose.yaml). Node 22: the
# active LTS (ADR 024); package.json still accepts 20.18.1 and later for those running from source.
FROM node:22-bookworm-slim AS toolchain
# better-sqlite3 builds from source where no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Production dependencies only. The prepare script (tsc) needs dev dependencies: dropped here,
# dist/ comes from the build stage.
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm pkg delete scripts.prepare && npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# With dev dependencies: npm ci runs prepare, which compiles src/ to dist/.
FROM toolchain AS build
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund

FROM node:22-bookworm-slim
ENV NODE_ENV=production NEWSBRIEF_DB=/data/newsbrief.db
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prompts ./prompts
COPY examples ./examples
RUN mkdir -p /data && chown node:node /data
# The image's own non-root user; the app's files stay root's, read-only to it.
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz on NEWSBRIEF_HTTP_PORT (ADR 019), asked with Node's fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const e = process.env, h = e.NEWSBRIEF_HTTP_HOST; fetch('http://' + (!h || h === '0.0.0.0' ? '127.0.0.1' : h) + ':' + (e.NEWSBRIEF_HTTP_PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
