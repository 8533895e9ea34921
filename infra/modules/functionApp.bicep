// The function app on the Flex Consumption plan (Linux, Node.js 22) with a
// system-assigned managed identity. Flex Consumption takes the runtime and
// its version from functionAppConfig, not from the FUNCTIONS_WORKER_RUNTIME
// and FUNCTIONS_EXTENSION_VERSION app settings of the other plans, and
// deploys the package azd uploads to a blob container.

@description('Name of the function app; also the name of its managed identity in Microsoft Entra ID and SQL.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

param location string
param tags object = {}

@description('URL of the blob container that holds the deployed package.')
param deploymentContainerUrl string

@description('App settings, as name-value pairs of strings.')
param appSettings object

// NOTE: the lowest value Azure accepts here has not been checked by a deployment.
@description('Upper bound of instances. It also bounds the SQL connections the app opens: each instance pools up to 10 per database.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
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

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy the "api" service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output principalId string = functionApp.identity.principalId
output url string = 'https://${functionApp.properties.defaultHostName}'
