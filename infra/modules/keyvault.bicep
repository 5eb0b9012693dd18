// The Key Vault holding the app's key-encryption key for partner API keys (VendorApi:KeyEncryptionKey): RBAC
// authorization only, soft delete and purge protection on (a lost key makes every stored SecretKey
// unreadable), and the app's identity allowed to read secrets. The app reads the secret through a Key Vault
// reference in its settings, resolved with that identity.

@description('Name of the vault (3 to 24 characters).')
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object = {}

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param principalId string

@secure()
@minLength(32)
@description('The key-encryption key: at least 32 characters of random text, set once (changing it makes stored SecretKeys unreadable).')
param vendorKeyEncryptionKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource keyEncryptionKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'vendor-api-key-encryption-key'
  properties: {
    value: vendorKeyEncryptionKey
    contentType: 'text/plain'
  }
}

// Key Vault Secrets User (built-in role, the same id in every tenant): read secret values, nothing else.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
  }
}

output name string = vault.name

@description('The secret\'s URI without a version: the app reads its current value.')
output keyEncryptionKeySecretUri string = keyEncryptionKey.properties.secretUri
