# syntax=docker/dockerfile:1
#
# Avvikelse in production: Node 22 LTS, non-root, production dependencies only.
#   docker build -t avvikelse:0.1.0 .
#   docker run -p 3978:3978 --env-file avvikelse.env avvikelse:0.1.0
# The image starts in production mode and refuses to start without its settings (README,
# "Deploying to a real tenant"); secrets come from the environment, never from the image.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- deps: production dependencies, with better-sqlite3 compiled for this Node -----------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Install scripts stay off (botbuilder-dialogs' postinstall calls npx rimraf, a devDependency);
# the one native module is then built from source for this image's Node.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force

# --- build: the server (tsc) and the tab and Outlook pane (Vite) --------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# tsc and Vite load no native module of ours; esbuild's check of its binary is all that runs.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild esbuild
COPY . .
RUN npm run build

# --- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    AVVIKELSE_MODE=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    AVVIKELSE_DATA_DIR=/data \
    AVVIKELSE_ROUTING_FILE=/app/config/routing.json
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root config ./config
# The code belongs to root and cannot be changed by the process; only /data is writable.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/main.js"]
