import { useWindowEvent } from '@mantine/hooks';
import { useCallback, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Unsaved edits: in-app navigation is held (`blocker.state === 'blocked'`, the page asks), and
 * closing the tab asks the browser's question. `allowLeave()` before navigating after a save.
 */
export function useUnsavedChangesGuard(dirty: boolean) {
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useWindowEvent('beforeunload', (event) => {
    if (dirty && !leaving.current) event.preventDefault();
  });
  const allowLeave = useCallback(() => {
    leaving.current = true;
  }, []);
  return { blocker, allowLeave };
}
