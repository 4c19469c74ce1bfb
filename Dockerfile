# The Node entry in a small image: `docker build -t llm-api-proxy .`, then
# `docker run -e API_KEY=... -e OPENAI_API_KEY=... -p 8787:8787 llm-api-proxy`.

# Build stage: bundling needs the dev dependencies (esbuild, tsx); install scripts are not needed.
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts ./scripts
COPY src ./src
COPY generated ./generated
RUN npm run build

# Runtime stage: the one bundled file (every dependency inlined) and package.json (it is ESM).
FROM node:20-alpine
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787
COPY package.json ./
COPY --from=build /app/dist/node.js ./dist/node.js
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/node.js"]
