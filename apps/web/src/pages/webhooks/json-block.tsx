import { Code, ScrollArea } from '@mantine/core';

/** Pretty-printed JSON (or text), scrollable, selectable. */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <ScrollArea.Autosize mah={360} type="auto">
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {text}
      </Code>
    </ScrollArea.Autosize>
  );
}
