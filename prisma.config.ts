// Prisma CLI configuration (Prisma 7). See docs/prisma-offline.md.
//
// The native schema engine is downloaded from binaries.prisma.sh on first use,
// which is impossible here (no network but the npm registry). The CLI loads
// this file before it looks for the engine, so setting
// PRISMA_SCHEMA_ENGINE_BINARY here makes every `prisma migrate …` / `db …`
// command use our stand-in, tools/schema-engine/schema-engine.mjs, built on
// @prisma/schema-engine-wasm. An explicitly set variable wins.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const root = path.dirname(fileURLToPath(import.meta.url));

if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, 'tools', 'schema-engine', 'schema-engine.mjs');
}

/**
 * The embedded database (PGlite) of `banzhang serve` when DATABASE_URL is unset:
 * `<BANZHANG_DATA_DIR or ./data>/pglite`, as `pglite:<absolute folder>`.
 */
const embeddedUrl = `pglite:${path.resolve(root, process.env.BANZHANG_DATA_DIR || 'data', 'pglite')}`;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: {
    path: path.join('prisma', 'migrations'),
  },
  datasource: {
    url: process.env.DATABASE_URL || embeddedUrl,
  },
});
