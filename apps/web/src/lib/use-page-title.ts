import { useDocumentTitle } from '@mantine/hooks';

export function usePageTitle(title: string | null | undefined): void {
  useDocumentTitle(title ? `${title} · Leadpilot` : 'Leadpilot');
}
