# Tollgate's container image (README, "Deployment"). Two stages: the builder installs everything and
# builds; the runtime keeps the build, the sources `npm start` runs with tsx (scripts/, lib/,
# prisma/ with its migrations) and production dependencies only, and runs as the unprivileged `node`
# user. With DATABASE_URL set, `npm start` starts no embedded database; it applies pending migrations
# (a no-op when a migrate job ran first), seeds the demo once per database, and serves on PORT.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS builder
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# The install's postinstall runs `prisma generate`, which reads the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
# `npm run build` is `prisma generate && next build`. Then the build cache and the dev dependencies go.
RUN npm run build && rm -rf .next/cache && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    LISTEN_HOST=0.0.0.0 \
    TOLLGATE_PREBUILT=1 \
    NEXT_TELEMETRY_DISABLED=1 \
    CHECKPOINT_DISABLE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
# Tollgate's version at build time (the admin system page shows it): --build-arg TOLLGATE_COMMIT=$(git rev-parse --short HEAD)
ARG TOLLGATE_COMMIT=""
ENV TOLLGATE_COMMIT=${TOLLGATE_COMMIT}
COPY --from=builder --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.js /app/prisma.config.ts /app/README.md ./
COPY --from=builder --chown=node:node /app/node_modules ./node_modules
COPY --from=builder --chown=node:node /app/.next ./.next
COPY --from=builder --chown=node:node /app/scripts ./scripts
COPY --from=builder --chown=node:node /app/lib ./lib
COPY --from=builder --chown=node:node /app/prisma ./prisma
USER node
EXPOSE 3000
# Liveness: /api/health answers 200 while the process serves and reaches PostgreSQL. The slim image
# has no curl, so Node asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
