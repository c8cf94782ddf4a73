# syntax=docker/dockerfile:1
# One image for every Tenantry service. APP chooses the service at run time (or as a build-arg
# default): docker run -e APP=metering -e PORT=3003 ... tenantry
#
#   docker build -t tenantry .
#   docker build -t tenantry-billing --build-arg APP=billing .
#
# The same image also runs the tools compiled into dist/tools, e.g. topic creation:
#   docker run --rm -e KAFKA_BROKERS=kafka:9092 tenantry node dist/tools/topics/create-topics.js

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, swc build, then drop the dev dependencies -----------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
# Dependencies first so that source changes reuse this layer. Install scripts are skipped: the
# build needs none (swc's native binary is an ordinary optional dependency) and the dev-only
# packages with download steps (embedded PostgreSQL, nx) are not used here.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY .swcrc tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: production node_modules + dist/, non-root ------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# Which service `CMD` starts: gateway, tenant-registry, provisioning, metering, billing,
# health-scoring or notifications. Override at run time with -e APP=... (compose and the
# Kubernetes manifests do).
ARG APP=gateway
ENV NODE_ENV=production \
    APP=${APP} \
    HOST=0.0.0.0 \
    TENANT_STORAGE_ROOT=/var/lib/tenantry/storage
WORKDIR /app
# Code is owned by root and read-only for the service user; only the storage root is writable
# (provisioning keeps tenant storage there; mount a volume on it).
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
RUN mkdir -p /var/lib/tenantry/storage && chown -R node:node /var/lib/tenantry
# `node` (uid 1000) comes with the official image.
USER node
# Default ports of the services (gateway 3000 ... notifications 3006); each service uses one.
EXPOSE 3000 3001 3002 3003 3004 3005 3006
# Liveness through Node itself (no curl in the slim image). The port is PORT, else the
# service's default port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const d={gateway:3000,'tenant-registry':3001,provisioning:3002,metering:3003,billing:3004,'health-scoring':3005,notifications:3006};const port=Number(process.env.PORT)||d[process.env.APP];require('node:http').get({host:'127.0.0.1',port,path:'/health/live',timeout:4000},(r)=>process.exit(r.statusCode===200?0:1)).on('timeout',()=>process.exit(1)).on('error',()=>process.exit(1));"]
# The services shut down gracefully on SIGTERM (consumers stop, the outbox relay drains, then
# the database closes). `exec` makes node PID 1 so that it receives the signal itself.
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
