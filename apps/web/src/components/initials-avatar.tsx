import { Avatar, type MantineSize } from '@mantine/core';

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part?.charAt(0).toLocaleUpperCase() ?? '').join('') || '?';
}

/** Decorative: the name is always written next to it. */
export function InitialsAvatar({
  name,
  size = 'sm',
  color = 'brand',
}: {
  name: string;
  size?: MantineSize | number;
  color?: string;
}) {
  return (
    <Avatar size={size} radius="xl" color={color} variant="light" aria-hidden>
      {initialsOf(name)}
    </Avatar>
  );
}
