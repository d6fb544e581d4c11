import type { AccountState } from './model/account-state';

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `GET /`: what a developer sees when opening the demo account in a browser. */
export function landingPage(state: AccountState, url: string): string {
  const rows = [
    [
      'Account',
      `${state.account.name} (id ${state.account.id}, subdomain ${state.account.subdomain})`,
    ],
    ['API', `${url}/api/v4`],
    ['Pipelines', String(state.pipelines.size)],
    [
      'Leads / contacts / companies',
      `${state.leads.size} / ${state.contacts.size} / ${state.companies.size}`,
    ],
    ['Open tasks', String([...state.tasks.values()].filter((t) => !t.isCompleted).length)],
    ['Webhooks', String(state.webhooks.size)],
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(state.account.name)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:40px auto;max-width:720px;color:#1f2933}td{padding:4px 16px 4px 0}code{background:#f2f4f7;padding:2px 4px;border-radius:4px}</style></head>
<body><h1>${esc(state.account.name)}</h1><p>A Kommo emulator: OAuth, REST API v4, rate limits, faults and webhooks.</p>
<table>${rows.map(([k, v]) => `<tr><td>${esc(k ?? '')}</td><td><code>${esc(v ?? '')}</code></td></tr>`).join('')}</table>
<p>Admin: <code>GET /_emulator/stats</code>, <code>/_emulator/requests</code>, <code>/_emulator/writes</code>, <code>/_emulator/deliveries</code>.</p></body></html>`;
}
