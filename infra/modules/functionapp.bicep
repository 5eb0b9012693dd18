// The function app on a Flex Consumption plan (FC1, Linux), .NET 10 isolated worker. It runs as the
// user-assigned identity: the deployment package, AzureWebJobsStorage (host, queue triggers, Durable
// task hub, the app's own table and queue clients) and Application Insights all use identity-based
// connections. No connection string, account key or publishing credential is configured.

@description('Name of the function app (also its host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan and the app (the app also gets azd-service-name).')
param tags object = {}

@description('Service name in azure.yaml; azd finds the app by this tag.')
param serviceName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, Application Insights authentication).')
param identityClientId string

@description('Blob container URL of the deployment package.')
param deploymentContainerUrl string

@description('Blob service endpoint of the storage account.')
param blobServiceUri string

@description('Queue service endpoint of the storage account.')
param queueServiceUri string

@description('Table service endpoint of the storage account.')
param tableServiceUri string

@description('Application Insights connection string (an endpoint locator; local auth is disabled).')
param applicationInsightsConnectionString string

@description('Share of traces kept, in percent: a fixed percentage by trace id, so a trace is kept or dropped whole, in every instance and on every day of an approval. Metrics and logs are never sampled.')
@minValue(0)
@maxValue(100)
param traceSamplingPercentage int = 10

@description('Expected issuer (iss) of partner bearer tokens.')
param authIssuer string

@description('Expected audience (aud) of partner bearer tokens.')
param authAudience string

@description('OpenID Connect metadata document that publishes the token signing keys.')
param authMetadataAddress string

@description('Key Vault secret URI (no version) of the key that encrypts partner API keys; read with the app\'s identity.')
param vendorKeyEncryptionKeySecretUri string

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references in the app settings are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    httpsOnly: true
    clientCertMode: 'Optional'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Identity-based AzureWebJobsStorage: the Functions host, queue triggers and the Durable task
        // hub read these; so does the app (Composition/VoucherFunctionsRegistration.cs), which builds
        // its table and queue clients from the service URIs and ManagedIdentityCredential (this client id).
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: blobServiceUri
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: queueServiceUri
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: tableServiceUri
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Trace sampling as the Azure Monitor exporter reads it (Telemetry/TraceSampling.cs): a share of 0 to 1.
        {
          name: 'OTEL_TRACES_SAMPLER'
          value: 'microsoft.fixed_percentage'
        }
        {
          name: 'OTEL_TRACES_SAMPLER_ARG'
          value: traceSamplingPercentage == 100 ? '1' : '0.${padLeft(traceSamplingPercentage, 2, '0')}'
        }
        // Partner bearer tokens (Http/Auth/AuthOptions.cs): signing keys come from the metadata document.
        {
          name: 'Auth__Issuer'
          value: authIssuer
        }
        {
          name: 'Auth__Audience'
          value: authAudience
        }
        {
          name: 'Auth__MetadataAddress'
          value: authMetadataAddress
        }
        {
          name: 'VendorApi__KeyEncryptionKey'
          value: '@Microsoft.KeyVault(SecretUri=${vendorKeyEncryptionKeySecretUri})'
        }
      ]
    }
  }
}

// No basic (user name and password) publishing: azd and CI deploy with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
