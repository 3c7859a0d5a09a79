# The simulator and the sync service run from the same image; docker-compose.yml picks the command.
# Size, expected rather than measured (measuring needs a build and a Docker engine): node:24-slim
# (~75 MB compressed, ~220 MB unpacked) + the production node_modules (~110 MB, of it ~60 MB the
# embedded PostgreSQL the `sync` command falls back to without DATABASE_URL) + ~4 MB of sources.
# test/production-image.test.ts installs and starts the commands the way this file does, without Docker.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# patch-package applies patches/ (kafkajs' negative timeout) as the install's postinstall.
COPY patches ./patches
# The image already has Node 24, so the `node` devDependency and the other dev tools stay out;
# the npm cache is of no use once installed.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY contracts ./contracts
COPY infra ./infra
COPY simulator ./simulator
COPY sync-service ./sync-service
COPY scenarios ./scenarios
COPY cli ./cli
# The files stay root's: the services only read them, and an embedded PostgreSQL writes to /tmp.
USER node
# Both services answer /health/live (the process is up; readiness is /health/ready on the sync
# service). The default is the sync service's port; compose sets HEALTHCHECK_URL for the simulator.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HEALTHCHECK_URL || 'http://127.0.0.1:8080/health/live', { signal: AbortSignal.timeout(2500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node 24 strips TypeScript types itself: the sources run as they are.
ENTRYPOINT []
CMD ["node", "cli/main.ts", "--help"]
