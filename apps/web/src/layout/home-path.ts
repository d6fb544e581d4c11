/** Where signing in (and switching organisation) lands: the dashboard with the live feed. */
export const HOME_PATH = '/dashboard';
