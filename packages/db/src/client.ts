import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type { Prisma } from './generated/prisma/client';
export type Db = PrismaClient;
/** The client handed to code that runs inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;

/**
 * The one way to make a Prisma client. Each process makes one (per database) at start-up and
 * passes it down; nothing imports a global client, so tests can point each file at its own database.
 */
export function createDb(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString, max: options.max ?? 10 },
    { statementNameGenerator: statementName as (query: { sql: string }) => string },
  );
  return new PrismaClient({ adapter });
}

/**
 * Queries run as named prepared statements: each connection parses and plans a statement once,
 * instead of on every execution (the webhook batch statements are large CTEs run dozens of times a
 * second; parsing them each time cost Postgres ~30% more per statement). Names are handed out per
 * distinct SQL text, at most MAX_PREPARED of them per process — beyond that (SQL that varies
 * without end) statements go unnamed, so no connection accumulates an unbounded number.
 */
const MAX_PREPARED = 2_000;
const statementNames = new Map<string, string>();
function statementName(query: { sql: string }): string | undefined {
  let name = statementNames.get(query.sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `lp${statementNames.size}`;
    statementNames.set(query.sql, name);
  }
  return name;
}
