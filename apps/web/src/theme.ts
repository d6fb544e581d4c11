import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm indigo: readable on white, distinct from the red/orange/green of statuses.
const brand: MantineColorsTuple = [
  '#eef0ff',
  '#dcdefa',
  '#b5b9ee',
  '#8b93e3',
  '#6872da',
  '#515dd5',
  '#4552d3',
  '#3644bb',
  '#2e3ca8',
  '#233395',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 6,
  colors: { brand },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // No " *" in labels: it would become part of the accessible name ("Name *"). Required
    // fields still carry `required` for assistive technology, and the form says what is missing.
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { withBorder: true, radius: 'lg' } },
    Badge: { defaultProps: { radius: 'sm' } },
    Modal: { defaultProps: { centered: true, radius: 'lg' } },
    Notification: { defaultProps: { radius: 'md' } },
  },
});
