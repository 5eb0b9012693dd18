// The browser console (console/ in the repository): an Azure Static Web App serving static files only
// (no build, no managed functions), with the function app linked as its backend so the console's
// /api/* calls reach the app on the same origin. The console's Content-Security-Policy comes from its
// own staticwebapp.config.json, deployed with it.

@description('Name of the static web app.')
param name string

@description('Region of the static web app (Static Web Apps run in fewer regions than Functions).')
param location string

@description('Tags for the static web app (it also gets azd-service-name).')
param tags object = {}

@description('Service name in azure.yaml; azd finds the static web app by this tag.')
param serviceName string

@description('Resource id of the function app linked as the backend of /api.')
param functionAppId string

@description('Region of the function app.')
param functionAppLocation string

// Standard: linked backends need it.
resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // azd deploys the files; no repository is linked and no pull-request preview sites are made.
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
    publicNetworkAccess: 'Enabled'
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostname
