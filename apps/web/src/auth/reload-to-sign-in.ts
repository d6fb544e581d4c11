/**
 * After signing out: a full page load of the sign-in page. Nothing of the previous session
 * survives in memory (query cache, form state), and no route guard races the redirect.
 */
export function reloadToSignIn(): void {
  window.location.replace('/sign-in');
}
