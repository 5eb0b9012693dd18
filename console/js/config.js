// config.json beside index.html says how users sign in and where the API is. Without one (or on the
// local host, which serves its own) the console signs in with the local host's POST /local/tokens.
// Azure (written at deploy by infra/console-config.sh):
//   { "signIn": "entra", "apiBaseUrl": "", "entra": { "clientId": "…", "authority": "https://login.microsoftonline.com/<tenant>", "scopes": ["api://…/.default"] } }
let loaded = { signIn: 'local', apiBaseUrl: '' };

export async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) loaded = { ...loaded, ...(await response.json()) };
  } catch {
    // No config.json: local sign-in against the same origin.
  }
  loaded.apiBaseUrl = String(loaded.apiBaseUrl ?? '').replace(/\/$/, '');
  return loaded;
}

export const config = () => loaded;
