import { Affix, Button, Transition } from '@mantine/core';
import { IconArrowUp } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n-context';

/** "3 new updates" at the top of the screen while the reader is scrolled down the feed. */
export function NewUpdatesPill({ count, onClick }: { count: number; onClick: () => void }) {
  const { tp } = useI18n();
  return (
    <Affix position={{ top: 72, left: '50%' }} style={{ transform: 'translateX(-50%)' }}>
      <Transition mounted={count > 0} transition="slide-down">
        {(style) => (
          <Button
            style={style}
            radius="xl"
            size="sm"
            leftSection={<IconArrowUp size={16} />}
            onClick={onClick}
            data-testid="new-updates-pill"
          >
            {tp('activity.newUpdates', count)}
          </Button>
        )}
      </Transition>
    </Affix>
  );
}
