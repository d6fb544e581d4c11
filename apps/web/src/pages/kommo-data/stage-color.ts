const hexColor = /^#[0-9a-f]{6}$/i;

/** A stage's Kommo colour ('#rrggbb') for a Mantine `color` prop; light grey when malformed. */
export function stageColor(color: string): string {
  return hexColor.test(color) ? color : 'gray.2';
}
