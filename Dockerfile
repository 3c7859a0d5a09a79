# The simulator and the sync service run from the same image; docker-compose.yml picks the command.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# patch-package applies patches/ (kafkajs' negative timeout) as the install's postinstall.
COPY patches ./patches
# The image already has Node 24, so the `node` devDependency and the other dev tools stay out.
RUN npm ci --omit=dev --no-audit --no-fund
COPY contracts ./contracts
COPY infra ./infra
COPY simulator ./simulator
COPY sync-service ./sync-service
COPY scenarios ./scenarios
COPY cli ./cli
USER node
# Node 24 strips TypeScript types itself: the sources run as they are.
ENTRYPOINT []
CMD ["node", "cli/main.ts", "--help"]
