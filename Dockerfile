# The worker image: Debian (glibc), because the Temporal SDK's native core has no musl build.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional --ignore-scripts=false
COPY . .
ENV NODE_ENV=production
CMD ["sh", "-c", "npm run -s migrate && npm run -s worker"]
