// Key Vault that holds each customer database's connection string, one
// secret per customer named by the customer's DatabaseSecretName. Access is
// by Azure RBAC: the app reads secrets as Key Vault Secrets User.

@description('Name of the vault: 3 to 24 letters, digits and hyphens.')
@minLength(3)
@maxLength(24)
param name string

param location string
param tags object = {}

@description('Keep deleted vaults and secrets recoverable for the retention period and forbid purging them early. Once on, it cannot be turned off.')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects false here, so the property is left out unless it is turned on.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
