const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  *{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  background:#f2f4f7;color:#1f2933;display:flex;min-height:100vh;align-items:center;justify-content:center}
  main{background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(15,23,42,.12);padding:32px;width:min(440px,92vw)}
  .brand{display:flex;gap:10px;align-items:center;color:#4c8bf7;font-weight:600;margin-bottom:20px}
  .logo{width:28px;height:28px;border-radius:8px;background:#4c8bf7;color:#fff;display:grid;place-items:center}
  h1{font-size:20px;margin:0 0 6px}p{margin:0 0 14px;color:#52606d}ul{margin:0 0 22px;padding-left:20px;color:#52606d}
  .actions{display:flex;gap:12px}.actions form{flex:1;display:flex}button{flex:1;font:inherit;padding:10px 14px;border-radius:8px;cursor:pointer;border:1px solid #cbd2d9;background:#fff}
  button.allow{background:#4c8bf7;border-color:#4c8bf7;color:#fff;font-weight:600}
  small{display:block;margin-top:18px;color:#9aa5b1}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><div class="brand"><span class="logo">K</span>Kommo</div>${body}</main></body></html>`;
}

/** The "grant access" screen Kommo shows a user who connects an integration. */
export function consentPage(input: {
  appName: string;
  accountName: string;
  host: string;
  userName: string;
  consentId: string;
}): string {
  const app = escapeHtml(input.appName);
  const account = escapeHtml(input.accountName);
  const form = (decision: 'allow' | 'deny', label: string) =>
    `<form method="post" action="/oauth/decision"><input type="hidden" name="consent_id" value="${escapeHtml(input.consentId)}"><button type="submit" name="decision" value="${decision}" class="${decision}" data-testid="oauth-${decision}">${label}</button></form>`;
  return layout(
    `Grant access — ${input.accountName}`,
    `<h1>${app} wants access to ${account}</h1>
<p>Signed in as <strong>${escapeHtml(input.userName)}</strong> · ${escapeHtml(input.host)}</p>
<p>The integration will be able to:</p>
<ul><li>read and edit leads, contacts, companies, tasks and notes</li><li>receive notifications (webhooks) about changes</li><li>work with chats and Salesbot on your behalf</li></ul>
<div class="actions">${form('deny', 'Deny')}${form('allow', 'Allow')}</div>
<small>Kommo emulator — a stand-in account for development and tests.</small>`,
  );
}

export function errorPage(title: string, detail: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`);
}
