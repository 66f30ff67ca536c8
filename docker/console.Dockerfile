# CoPilot analyst console image: the Angular build served by nginx, with /api/ proxied to the api service.
#
#   docker compose -f docker/docker-compose.yml --env-file .env build console
#   docker build -f docker/console.Dockerfile -t copilot-console .      (context: the repository root)

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
RUN npx nx run console:build --configuration=production

# nginx's own unprivileged variant: runs as uid 101 and listens on 8080, so no root and no capabilities.
FROM nginxinc/nginx-unprivileged:1.28-alpine AS runtime
COPY docker/nginx/security-headers.conf /etc/nginx/snippets/copilot-security-headers.conf
COPY docker/nginx/api-proxy.conf /etc/nginx/snippets/copilot-api-proxy.conf
COPY docker/nginx/console.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/dist/apps/console/browser /srv/www
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/index.html"]
