import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@leadpilot/db/paths';

const toolDir = path.join(repoRoot, 'tooling', 'migrations');

/**
 * Prisma 7's CLI needs a native schema engine that no npm package ships, so SQL for a schema
 * change comes from Prisma 6.19's WebAssembly engine (tooling/migrations). It diffs two datamodels
 * and, although it never queries, insists on reaching a database through its driver adapter.
 *
 * `from`/`to` are schema files in this repo's Prisma 7 dialect, or null for the empty schema.
 */
export function diffDatamodels(from: string | null, to: string, adapterUrl: string): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'leadpilot-diff-'));
  try {
    const toV6 = (file: string, name: string) => {
      const target = path.join(tmp, name);
      writeFileSync(target, asPrisma6(readFileSync(file, 'utf8')));
      return target;
    };
    const config = path.join(tmp, 'prisma.config.ts');
    writeFileSync(
      config,
      `import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: ${JSON.stringify(adapterUrl)}, idleTimeoutMillis: 50 }),
} as never);
`,
    );
    const args = ['migrate', 'diff', '--config', config, '--script'];
    args.push(
      ...(from ? ['--from-schema-datamodel', toV6(from, 'from.prisma')] : ['--from-empty']),
    );
    args.push('--to-schema-datamodel', toV6(to, 'to.prisma'));
    const out = execFileSync(path.join(toolDir, 'node_modules', '.bin', 'prisma'), args, {
      cwd: toolDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // Only the WebAssembly engine runs; these keep the CLI from downloading native ones.
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        DATABASE_URL: adapterUrl,
      },
    });
    return out.replace(/^Loaded Prisma config.*\n/m, '').trim();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Prisma 6 wants a datasource url and the "client" engine type; the datamodel is the same. */
function asPrisma6(schema: string): string {
  return schema
    .replace(
      /datasource\s+db\s*\{[^}]*\}/,
      'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}',
    )
    .replace(
      /generator\s+client\s*\{[^}]*\}/,
      'generator client {\n  provider = "prisma-client"\n  engineType = "client"\n  output = "./unused"\n}',
    );
}

/** True when a diff script has no statements (Prisma prints only comments, or nothing). */
export function isEmptyDiff(sql: string): boolean {
  return sql
    .split('\n')
    .map((l) => l.trim())
    .every((l) => l === '' || l.startsWith('--'));
}
