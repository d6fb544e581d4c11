/**
 * Queries run as named prepared statements: each connection parses and plans a statement once,
 * instead of on every execution (the webhook batch statements are large CTEs run dozens of times a
 * second; parsing them each time cost Postgres ~30% more per statement). Names are handed out per
 * distinct SQL text, at most MAX_PREPARED of them per process — beyond that (SQL that varies
 * without end) statements go unnamed, so no connection accumulates an unbounded number. Shared by
 * Prisma's pool (client.ts) and the plain-pg one (raw-sql.ts): a name always means the same text.
 */
const MAX_PREPARED = 2_000;
const statementNames = new Map<string, string>();

export function preparedStatementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `lp${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}
