import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { EmulatorOptions } from './emulator';
import { generateAccount, type GenerateSpec } from './generate-account';

export const USAGE = `kommo-emulator [options]
  --port <n>               listen port (default 4010; 0 = any free port)
  --hostname <addr>        listen address (default 127.0.0.1)
  --latency <ms>           added to every API response (default 0)
  --auto-approve           the OAuth consent page redirects at once
  --rate-limit <n|off>     API requests per second (default 7)
  --token-ttl <s>          access token lifetime (default 86400)
  --client <id:secret[:redirect_uri]>  an OAuth app (repeatable; default leadpilot-demo)
  --generate <k=v,...>     a synthetic account instead of the demo one, e.g.
                           leads=50000,contacts=50000,pipelines=3,stagesPerPipeline=5,
                           customFields=12,sources=3,users=5,companies=100,tasks=1000,seed=1`;

const GENERATE_DEFAULTS: GenerateSpec = {
  pipelines: 3,
  stagesPerPipeline: 5,
  customFields: 12,
  sources: 3,
  users: 5,
  leads: 1_000,
  contacts: 1_000,
};

const count = z.coerce.number().int().min(0);
const generateSchema = z.strictObject({
  pipelines: count.min(1).max(50).optional(),
  stagesPerPipeline: count.min(1).max(100).optional(),
  customFields: count.optional(),
  sources: count.optional(),
  users: count.min(1).optional(),
  leads: count.optional(),
  contacts: count.optional(),
  companies: count.optional(),
  tasks: count.optional(),
  seed: count.optional(),
});

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4010),
  hostname: z.string().min(1).optional(),
  latency: z.coerce.number().int().min(0).default(0),
  'auto-approve': z.boolean().default(false),
  'rate-limit': z.union([z.literal('off'), z.coerce.number().int().min(1)]).default(7),
  'token-ttl': z.coerce.number().int().min(1).default(86_400),
  client: z
    .array(z.string().regex(/^[^:]+:[^:]+(:.+)?$/, 'expected id:secret[:redirect_uri]'))
    .optional(),
  generate: z.string().optional(),
  help: z.boolean().default(false),
});

/** Parses the command line into emulator options; throws a readable error on bad input. */
export function parseCliArgs(argv: string[]): { help: boolean; options: EmulatorOptions } {
  // `pnpm start -- --port 4010` may hand us the separator itself.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      hostname: { type: 'string' },
      latency: { type: 'string' },
      'auto-approve': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'token-ttl': { type: 'string' },
      client: { type: 'string', multiple: true },
      generate: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const a = parsed.data;
  const options: EmulatorOptions = {
    port: a.port,
    latencyMs: a.latency,
    autoApprove: a['auto-approve'],
    rateLimitPerSecond: a['rate-limit'] === 'off' ? null : a['rate-limit'],
    accessTokenTtlSeconds: a['token-ttl'],
    ...(a.hostname ? { hostname: a.hostname } : {}),
  };
  if (a.client) {
    options.clients = a.client.map((c) => {
      const [clientId = '', clientSecret = '', ...rest] = c.split(':');
      const redirectUri = rest.join(':');
      return { clientId, clientSecret, ...(redirectUri ? { redirectUri } : {}) };
    });
  }
  if (a.generate !== undefined) {
    const pairs = Object.fromEntries(
      a.generate
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('=').map((s) => s.trim())),
    );
    const spec = generateSchema.safeParse(pairs);
    if (!spec.success) throw new Error(`--generate: ${z.prettifyError(spec.error)}`);
    options.fixture = generateAccount({ ...GENERATE_DEFAULTS, ...spec.data });
  }
  return { help: a.help, options };
}
