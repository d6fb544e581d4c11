import type { Db } from '@leadpilot/db/client';
import type { Locale, Role } from '@leadpilot/schemas/common';

export interface Me {
  user: { id: string; email: string; name: string; locale: Locale };
  activeOrg: { id: string; name: string; role: Role } | null;
  orgs: { id: string; name: string; role: Role }[];
}

/** The signed-in user, their organisations and the one this session works in. */
export async function getMe(db: Db, userId: string, activeOrgId: string | null): Promise<Me> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      memberships: {
        select: { role: true, org: { select: { id: true, name: true } } },
        orderBy: { org: { name: 'asc' } },
      },
    },
  });
  const orgs = user.memberships.map((m) => ({ id: m.org.id, name: m.org.name, role: m.role }));
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    activeOrg: orgs.find((o) => o.id === activeOrgId) ?? null,
    orgs,
  };
}
