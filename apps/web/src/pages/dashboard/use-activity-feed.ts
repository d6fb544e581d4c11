import { useWindowScroll } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import type { ActivityEntry } from '../../trpc/app-router';
import { useTRPC } from '../../trpc/trpc';
import { matchesQuery, type ActivityQuery } from './activity-filters';

const PAGE_SIZE = 30;
/** Live entries kept in memory (newest first); older ones are in the pages anyway. */
const MAX_LIVE = 500;
/** Closer to the top than this, new entries are shown at once; further down they wait behind the pill. */
const TOP_PX = 120;

const newer = (a: string, b: string) => BigInt(a) > BigInt(b);

/**
 * The feed: keyset pages (infinite query) plus entries arriving live over SSE.
 *
 * The subscription starts after the first page's `latestId` (the organisation's newest entry when
 * the page was read), so nothing committed in between is missed; when it reconnects, tRPC sends the
 * last event id and the server replays from there. It is not filtered: live entries are kept and
 * matched against the current filters here, so changing filters needs no new stream. An entry
 * both in a page and live is shown once (by id). While the reader is scrolled down, new entries
 * are held back and counted for the "N new" pill instead of pushing the list.
 */
export function useActivityFeed(query: ActivityQuery, options: { onLive?: () => void } = {}) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...query },
      {
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
        meta: { inlineErrors: true },
      },
    ),
  );

  const [startId, setStartId] = useState<string | null>(null);
  if (startId === null && pages.data && !pages.isPlaceholderData)
    setStartId(pages.data.pages[0]?.latestId ?? '0');

  const [live, setLive] = useState<ActivityEntry[]>([]);
  const subscription = useSubscription(
    trpc.activity.onNew.subscriptionOptions(
      { lastEventId: startId },
      {
        enabled: startId !== null,
        onData: ({ data }) => {
          setLive((prev) =>
            prev.some((e) => e.id === data.id) ? prev : [data, ...prev].slice(0, MAX_LIVE),
          );
          options.onLive?.();
        },
      },
    ),
  );

  const paged = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const pagedIds = new Set(paged.map((e) => e.id));
  const head = pages.data?.pages[0]?.latestId ?? '0';
  const fresh = live.filter(
    (e) => newer(e.id, head) && !pagedIds.has(e.id) && matchesQuery(e, query),
  );

  const [scroll, scrollTo] = useWindowScroll();
  const atTop = scroll.y < TOP_PX;
  const [revealedUpTo, setRevealedUpTo] = useState('0');
  const newest = fresh[0]?.id;
  if (atTop && newest && newer(newest, revealedUpTo)) setRevealedUpTo(newest);
  const shown = fresh.filter((e) => !newer(e.id, revealedUpTo));

  return {
    pages,
    items: [...shown, ...paged],
    newIds: new Set(shown.map((e) => e.id)),
    hiddenCount: fresh.length - shown.length,
    showHidden() {
      if (newest) setRevealedUpTo(newest);
      scrollTo({ y: 0 });
    },
    liveStatus: subscription.status,
  };
}
