#!/usr/bin/env sh
# azd prepackage hook of the `console` service (azure.yaml): writes console/config.json, which tells the
# deployed console to sign users in with Entra ID (MSAL.js, authorization code + PKCE) and to call the
# API on its own origin (/api, the linked function app). Values come from the azd environment:
#   CONSOLE_CLIENT_ID  the client id of the console's app registration (a SPA redirect URI of the
#                      Static Web App's URL, SERVICE_CONSOLE_URI), required;
#   AZURE_TENANT_ID    the tenant (an output of infra/main.bicep);
#   AUTH_AUDIENCE      the API's audience (an output of infra/main.bicep): the console asks for
#                      "<audience>/.default", so the token carries the app roles assigned to the user;
#   CONSOLE_AUTHORITY_HOST  optional, default https://login.microsoftonline.com.
# config.json is git-ignored: the local host serves its own (local sign-in).
set -eu
cd "$(dirname "$0")/../console"
: "${CONSOLE_CLIENT_ID:?set it with: azd env set CONSOLE_CLIENT_ID <client id of the console app registration>}"
: "${AZURE_TENANT_ID:?run azd provision first (it outputs AZURE_TENANT_ID)}"
: "${AUTH_AUDIENCE:?run azd provision first (it outputs AUTH_AUDIENCE)}"
host="${CONSOLE_AUTHORITY_HOST:-https://login.microsoftonline.com}"
cat > config.json <<JSON
{
  "signIn": "entra",
  "apiBaseUrl": "",
  "entra": {
    "clientId": "${CONSOLE_CLIENT_ID}",
    "authority": "${host%/}/${AZURE_TENANT_ID}",
    "scopes": ["${AUTH_AUDIENCE%/}/.default"]
  }
}
JSON
echo "console/config.json written (Entra ID sign-in, tenant ${AZURE_TENANT_ID})"
