# syntax=docker/dockerfile:1
# scim-bridge: multi-stage build, runs as a non-root user, SQLite data in a volume.
# Reviewed, not built here (no Docker engine on the development machines).

ARG NODE_VERSION=20.18

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# The repository is an npm workspace whose one workspace, packages/simulators (@scim-bridge/simulators), is development
# code: .dockerignore keeps it, the tests and the benchmarks out of the build context, so this stage has the root's
# package.json and lockfile only. npm ci still installs from that lockfile: the workspace is the root's
# devDependency, recorded as a link (node_modules/@scim-bridge/simulators -> packages/simulators) that dangles here
# and that nothing in the build follows (src/ imports no simulator: test/unit/registry.test.ts).
# `--workspaces=false` (npm's "ignore workspaces altogether") was tried and changes nothing here: a workspace that is
# a declared dependency is linked all the same. `npm prune --omit=dev` removes the link with the other devDependencies;
# the `test` makes the build fail should a simulator ever reach the image's node_modules.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev && test ! -e node_modules/@scim-bridge/simulators

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Configuration: mount it and point SCIM_BRIDGE_CONFIG at it; secrets via ${ENV} or ${file:/run/secrets/…}.
ENV SCIM_BRIDGE_CONFIG=/etc/scim-bridge/config.json
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["serve"]
