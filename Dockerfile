# The worker image: Debian (glibc), because the Temporal SDK's native core has no musl build.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN chown node:node /app
# Runs as the image's unprivileged `node` user (uid 1000), never as root.
USER node
COPY --chown=node:node package.json package-lock.json ./
# Production dependencies only (no test tools). Optional dependencies stay: tsx runs on esbuild, whose platform
# binary is one. `npm install` rather than `npm ci`: the lock file holds only the platforms it was made on (README).
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --chown=node:node . .
# The worker (with its heap limit, see workers/heap-limit.ts); the codec service overrides the command.
CMD ["sh", "-c", "npm run -s migrate && npm run -s worker"]
