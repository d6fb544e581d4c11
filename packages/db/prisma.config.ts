import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection URL from here, not from schema.prisma. `prisma generate` needs
// none, and env() would throw when DATABASE_URL is unset, so read it leniently: at run time the
// apps connect through the driver adapter in src/client.ts with their own validated config.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
