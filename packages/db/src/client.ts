import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { preparedStatementName } from './statement-names';

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
    // undefined (past the limit) runs the statement unnamed, though the type says string
    { statementNameGenerator: (query) => preparedStatementName(query.sql) as string },
  );
  return new PrismaClient({ adapter });
}
