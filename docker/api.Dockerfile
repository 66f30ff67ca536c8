# CoPilot api image: the NestJS api, which also serves the built console at / and the portal at /portal.
#
#   docker compose -f docker/docker-compose.yml --env-file .env build api
#   docker build -f docker/api.Dockerfile -t copilot-api .        (context: the repository root)
#
# Stages: build (whole workspace, dev deps) -> prod-deps (only what the bundled api requires,
# native modules compiled or fetched against Node 24) -> runtime (slim, non-root, Chromium for PDFs).

FROM node:24-bookworm AS build
WORKDIR /src
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true \
    NX_TUI=false \
    NX_SKIP_NX_CACHE=true \
    CI=true
# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The api build bundles the workspace libs and writes dist/apps/api/{main.js,package.json,package-lock.json};
# the generated manifest and lockfile list only the npm packages the bundle imports.
RUN npx nx run-many -t build -p api console portal

FROM node:24-bookworm AS prod-deps
WORKDIR /deps
COPY --from=build /src/dist/apps/api/package.json /src/dist/apps/api/package-lock.json ./
# The full bookworm image carries python3, make and g++, so better-sqlite3 can compile if no
# prebuilt binary matches; @node-rs/argon2 resolves its linux-<arch>-gnu optional package.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
# chromium renders PDF reports; fonts-liberation gives it metric-compatible fonts; tini reaps
# Chromium's child processes and forwards SIGTERM so the api shuts down cleanly.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=5000 \
    COPILOT_DATA_DIR=/data
WORKDIR /app
# Application files stay owned by root: the non-root process can read but not rewrite its own code.
COPY --from=prod-deps /deps/node_modules ./node_modules
COPY --from=build /src/dist/apps/api ./dist/apps/api
COPY --from=build /src/dist/apps/console/browser ./dist/apps/console/browser
COPY --from=build /src/dist/apps/portal/browser ./dist/apps/portal/browser
# Fail the image build, not the first request, if a native module does not load on this base image.
RUN node -e "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get();require('@node-rs/argon2').hashSync('probe');require('mysql2')" \
 && mkdir -p /data \
 && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The V8 flags of apps/api/node-flags.json (compose.spec.ts checks they match).
CMD ["node", "--max-semi-space-size=64", "dist/apps/api/main.js"]
