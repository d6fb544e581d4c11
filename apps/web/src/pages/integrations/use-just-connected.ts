import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The OAuth callback lands on `/integrations/:id?connected=1`. The page says so once: the flag is
 * read on arrival and dropped from the address, so a reload or a shared link doesn't repeat it.
 */
export function useJustConnected(): [boolean, () => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const arrivedConnected = searchParams.get('connected') === '1';
  const [shown, setShown] = useState(arrivedConnected);

  useEffect(() => {
    if (!arrivedConnected) return;
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('connected');
        return next;
      },
      { replace: true },
    );
  }, [arrivedConnected, setSearchParams]);

  return [shown, () => setShown(false)];
}
