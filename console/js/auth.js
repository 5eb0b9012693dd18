// Who is signed in. The token lives in sessionStorage only (gone when the tab closes), never in
// localStorage or a cookie. Local host: a token minted by POST /local/tokens for a chosen role and
// partner. Azure: Entra ID through MSAL.js (authorization code flow with PKCE), vendored as a static file.
import { config } from './config.js';

const KEY = 'voucher-console-session';
let msalApp = null;

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function saveSession(value) {
  sessionStorage.setItem(KEY, JSON.stringify(value));
}

let signOutMessage = '';
export const takeSignOutMessage = () => { const m = signOutMessage; signOutMessage = ''; return m; };

export function signOut(message = '') {
  sessionStorage.removeItem(KEY);
  signOutMessage = message;
  if (location.hash !== '#/sign-in') location.hash = '#/sign-in';
}

/** Local host only: mints a token for the chosen roles and ids. */
export async function signInLocally({ roles, partnerId, customerUin, distributorId, subject }) {
  const response = await fetch(`${config().apiBaseUrl}/local/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ roles, partnerId: partnerId || null, customerUin: customerUin || null, distributorId: distributorId || null, subject: subject || null }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail ?? 'Sign-in failed');
    Object.assign(error, { title: body.title ?? 'Sign-in failed', detail: body.detail ?? `HTTP ${response.status}`, code: body.code });
    throw error;
  }
  saveSession({ mode: 'local', token: body.token, expiresAt: body.expiresAt });
}

async function msal() {
  if (msalApp) return msalApp;
  await import('../vendor/msal-browser.min.js');
  const settings = config().entra ?? {};
  msalApp = new globalThis.msal.PublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: new URL('.', location.href).href },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await msalApp.initialize();
  return msalApp;
}

/** Entra ID: completes a redirect back from sign-in, if any, and keeps the access token in the session. */
export async function completeEntraSignIn() {
  if (config().signIn !== 'entra') return;
  const app = await msal();
  const result = await app.handleRedirectPromise();
  const account = result?.account ?? app.getAllAccounts()[0];
  if (!account) return;
  const token = result?.accessToken
    ? result
    : await app.acquireTokenSilent({ account, scopes: config().entra.scopes }).catch(() => null);
  if (token?.accessToken) saveSession({ mode: 'entra', token: token.accessToken, expiresAt: token.expiresOn });
}

export async function signInWithEntra() {
  const app = await msal();
  await app.loginRedirect({ scopes: config().entra.scopes });
}
