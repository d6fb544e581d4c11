import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useSessionCache } from '../auth/use-session-cache';
import { useI18n } from '../i18n/i18n-context';
import { notifySuccess } from '../lib/notify';
import { useTRPC } from '../trpc/trpc';
import { HOME_PATH } from './home-path';

/** Switch the session's organisation; every org-scoped screen reloads for the new one. */
export function useSwitchOrg() {
  const trpc = useTRPC();
  const session = useSessionCache();
  const navigate = useNavigate();
  const { t } = useI18n();
  return useMutation(
    trpc.orgs.switch.mutationOptions({
      onSuccess: async (me) => {
        await navigate(HOME_PATH);
        await session.orgChanged(me);
        if (me.activeOrg) notifySuccess(t('orgs.switched', { org: me.activeOrg.name }));
      },
    }),
  );
}
