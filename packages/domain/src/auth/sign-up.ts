import type { Db } from '@leadpilot/db/client';
import type { SignUpInput } from '@leadpilot/schemas/auth';
import { conflict } from '../errors';
import { hashPassword } from './password';
import { isUniqueViolation } from '../prisma-errors';

type ParsedSignUp = Required<Pick<SignUpInput, 'email' | 'password' | 'name' | 'orgName'>> &
  Pick<SignUpInput, 'locale'>;

/** Creates the user, their organisation and the owner membership, all or nothing. */
export async function signUp(
  db: Db,
  input: ParsedSignUp,
): Promise<{ userId: string; orgId: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, locale: input.locale ?? 'en' },
        select: { id: true },
      });
      const org = await tx.organization.create({
        data: { name: input.orgName },
        select: { id: true },
      });
      await tx.membership.create({ data: { orgId: org.id, userId: user.id, role: 'owner' } });
      return { userId: user.id, orgId: org.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}
