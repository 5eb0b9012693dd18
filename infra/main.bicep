// VoucherFunctions in Azure: `azd up` provisions this template (parameters from main.parameters.json,
// filled from the azd environment) and deploys functions/VoucherFunctions as the `api` service.
//
// What it creates, in resource group rg-<environment>:
//   - a user-assigned managed identity the app runs as;
//   - a storage account with shared-key access disabled, TLS 1.2, no public blob access, declaring
//     every queue and table the app uses and the deployment package container;
//   - Log Analytics and Application Insights with local auth disabled, and a workbook over the app's metrics;
//   - the identity's roles: Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table
//     Data Contributor on the account, Monitoring Metrics Publisher on Application Insights;
//   - a Flex Consumption plan and the function app (.NET 10 isolated), identity-based connections only;
//   - a Static Web App serving the browser console (console/), the function app linked as its /api backend.
//   - a Key Vault with the key that encrypts partner API keys at rest, readable by the identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name: names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Expected token issuer (Auth:Issuer). Empty: Entra ID v2.0 tokens of this tenant.')
param authIssuer string = ''

@description('Expected token audience (Auth:Audience): the Application ID URI or client id of the API app registration. Empty: api://voucherfunctions-<environment>.')
param authAudience string = ''

@description('OpenID Connect metadata address with the signing keys (Auth:MetadataAddress). Empty: this tenant\'s Entra ID v2.0 metadata.')
param authMetadataAddress string = ''

@description('Region of the console\'s Static Web App (a region that offers Static Web Apps).')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param consoleLocation string = 'westeurope'

@secure()
@minLength(32)
@description('Encrypts partner API keys at rest (VendorApi:KeyEncryptionKey, kept in Key Vault): at least 32 characters of random text, set once with `azd env set VENDOR_KEY_ENCRYPTION_KEY`.')
param vendorKeyEncryptionKey string

@description('Most instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Share of traces the app keeps, in percent (OTEL_TRACES_SAMPLER_ARG of a fixed-percentage sampler); metrics and logs are all kept.')
@minValue(0)
@maxValue(100)
param traceSamplingPercentage int = 10

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-voucher-${resourceToken}'
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

// Entra ID v2.0 defaults for this tenant; the login host comes from the cloud environment.
var tenantAuthority = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
var effectiveIssuer = empty(authIssuer) ? tenantAuthority : authIssuer
var effectiveAudience = empty(authAudience) ? 'api://voucherfunctions-${environmentName}' : authAudience
var effectiveMetadataAddress = empty(authMetadataAddress)
  ? '${tenantAuthority}/.well-known/openid-configuration'
  : authMetadataAddress

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-voucher-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-voucher-${resourceToken}'
    applicationInsightsName: 'appi-voucher-${resourceToken}'
    location: location
    tags: tags
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stvoucher${take(resourceToken, 13)}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    // Storage/QueueNames.cs, each with the <queue>-poison queue its trigger moves failed messages to.
    queueNames: [
      'bills'
      'bills-poison'
      'bill-outcomes'
      'bill-outcomes-poison'
      'voucher-events'
      'voucher-events-poison'
      'webhook-deliveries'
      'webhook-deliveries-poison'
    ]
    // Storage/TableNames.cs.
    tableNames: [
      'ledger'
    ]
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-voucher-${take(resourceToken, 13)}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    vendorKeyEncryptionKey: vendorKeyEncryptionKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-voucher-${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    blobServiceUri: storage.outputs.blobEndpoint
    queueServiceUri: storage.outputs.queueEndpoint
    tableServiceUri: storage.outputs.tableEndpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    authIssuer: effectiveIssuer
    authAudience: effectiveAudience
    authMetadataAddress: effectiveMetadataAddress
    vendorKeyEncryptionKeySecretUri: keyVault.outputs.keyEncryptionKeySecretUri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    traceSamplingPercentage: traceSamplingPercentage
  }
  // The app starts with identity-based storage: its roles must exist before it does. (The Key Vault module,
  // with the identity's secret-reader role, is a dependency already through its secret URI.)
  dependsOn: [
    roles
  ]
}

module console 'modules/staticwebapp.bicep' = {
  name: 'console'
  scope: rg
  params: {
    name: 'stapp-voucher-${resourceToken}'
    location: consoleLocation
    tags: tags
    serviceName: 'console'
    functionAppId: functionApp.outputs.id
    functionAppLocation: location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AUTH_ISSUER string = effectiveIssuer
output AUTH_AUDIENCE string = effectiveAudience
output SERVICE_CONSOLE_NAME string = console.outputs.name
output SERVICE_CONSOLE_URI string = 'https://${console.outputs.defaultHostName}'
