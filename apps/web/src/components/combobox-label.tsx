import { Box, Input } from '@mantine/core';
import type { ReactNode } from 'react';

interface ComboboxLabelProps {
  /** The id given to the Select/MultiSelect/TagsInput inside */
  htmlFor: string;
  label: string;
  children: ReactNode;
}

/**
 * Mantine keeps a combobox's option list mounted and names it after the field's label, so "the
 * field labelled X" would be two elements (the input and the hidden list). Rendering the label
 * here, outside the component (which is then given `inputWrapperOrder` without 'label'), keeps
 * one labelled input: what screen readers announce and what tests find by label.
 */
export function ComboboxLabel({ htmlFor, label, children }: ComboboxLabelProps) {
  return (
    <Box>
      <Input.Label htmlFor={htmlFor}>{label}</Input.Label>
      {children}
    </Box>
  );
}

export const withoutLabel: ('description' | 'input' | 'error')[] = [
  'description',
  'input',
  'error',
];
