# The worker image: Debian (glibc), because the Temporal SDK's native core has no musl build.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Optional dependencies stay: tsx runs on esbuild, whose platform binary is one. `npm install` rather than `npm ci`:
# the lock file holds only the platforms it was made on (see README, "Two commands").
RUN npm install --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
# The worker (with its heap limit, see workers/heap-limit.ts); the codec service overrides the command.
CMD ["sh", "-c", "npm run -s migrate && npm run -s worker"]
