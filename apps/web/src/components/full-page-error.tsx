import { Box, Center } from '@mantine/core';
import { ErrorState } from './error-state';

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center mih="100dvh" p="md">
      <Box w="100%" maw={480}>
        <ErrorState error={error} onRetry={onRetry} />
      </Box>
    </Center>
  );
}
