import { Center, Loader } from '@mantine/core';

/** While a lazily loaded page arrives: keeps the shell in place, no layout jump. */
export function ContentLoader() {
  return (
    <Center mih={240} aria-busy="true">
      <Loader size="sm" type="dots" />
    </Center>
  );
}
