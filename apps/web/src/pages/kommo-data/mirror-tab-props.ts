/** What every tab of the Kommo data page gets. */
export interface MirrorTabProps {
  integrationId: string;
  /** No sync has finished yet: empty lists say "Not synced yet — press Sync now". */
  neverSynced: boolean;
}
