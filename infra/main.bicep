// Epicor Sync Guard on Azure, deployed with `azd up`: a resource group with
// the function app (Flex Consumption), its storage, Key Vault, monitoring,
// Communication Services Email and the operators' alert rules.
//
// The License Portal database is not created here: it is an existing Azure
// SQL database of the vendor, named by sqlServerName and sqlDatabaseName.

targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment, such as "syncguard-prod"; it names the resource group and seeds the other names.')
param environmentName string

@minLength(1)
@description('Azure region of the resources; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; default rg-<environmentName>.')
param resourceGroupName string = ''

// ----- License Portal database (existing) -----

@description('Name of the existing Azure SQL logical server of the License Portal, without ".database.windows.net".')
param sqlServerName string

@description('Name of the License Portal database on that server.')
param sqlDatabaseName string = 'GHALicensePortal'

// ----- Email -----

@description('AzureManaged: a free <id>.azurecomm.net sender domain that works at once. CustomerManaged: your own domain, verified through DNS.')
@allowed([
  'AzureManaged'
  'CustomerManaged'
])
param emailDomainManagement string = 'AzureManaged'

@description('Your sender domain, such as notify.example.com; used when emailDomainManagement is CustomerManaged.')
param emailCustomDomainName string = ''

@description('Set to true after the custom domain has been verified, then provision again to link it.')
param emailCustomDomainVerified bool = false

@description('Local part of the sender address on a custom domain; an Azure-managed domain always sends as DoNotReply.')
param emailSenderUsername string = 'DoNotReply'

@description('Where Communication Services keeps its data at rest, such as "Europe", "UK" or "United States".')
param emailDataLocation string = 'Europe'

@description('Vendor support address that receives outage emails of customers without an active administrator.')
param supportEmailAddress string

// ----- Portal and API authentication -----

@description('Public URL of the License Portal and the resend screen, used for links in emails.')
param portalPublicUrl string

@description('Issuer (iss) of the bearer tokens the portal sends to the HTTP API.')
param authIssuer string

@description('Audience (aud) the HTTP API requires in bearer tokens.')
param authAudience string

@description('URL of the issuer\'s JSON Web Key Set, to verify token signatures.')
param authJwksUrl string

// ----- Monitoring behaviour -----

@description('Minutes between check cycles; builds CheckSchedule unless checkScheduleOverride is set, and sizes the heartbeat alert.')
@minValue(1)
@maxValue(30)
param checkIntervalMinutes int = 5

@description('Six-field NCRONTAB schedule that replaces the one built from checkIntervalMinutes; keep the two consistent.')
param checkScheduleOverride string = ''

@description('Seconds one connection check may take.')
@minValue(1)
@maxValue(120)
param checkTimeoutSeconds int = 15

@description('Consecutive failed checks before the outage email is sent.')
@minValue(1)
@maxValue(100)
param failuresBeforeAlert int = 1

@description('Customer databases read in parallel while the timer fans out.')
@minValue(1)
@maxValue(256)
param fanOutConcurrency int = 16

@description('Seconds a Key Vault secret is cached.')
@minValue(1)
@maxValue(86400)
param secretCacheSeconds int = 300

@description('Seconds allowed for one email send, including polling for its result.')
@minValue(1)
@maxValue(600)
param emailTimeoutSeconds int = 30

@description('Allow customer Epicor URLs that resolve to private addresses; only with VNet integration to reach private Epicor servers.')
param epicorAllowPrivateNetworks bool = false

@description('Maximum bytes read from any Epicor response.')
@minValue(1024)
@maxValue(10485760)
param epicorMaxResponseBytes int = 65536

@description('IANA time zone for customers without their own, used for times in emails.')
param defaultTimeZone string = 'Europe/London'

@description('Maximum instances of the function app.')
param maximumInstanceCount int = 40

// ----- Operators -----

@description('Email address of the vendor\'s operators who receive the alert rules\' notifications.')
param alertEmailAddress string

@description('Failed invocations of the monitoring functions within 15 minutes that are tolerated before alerting.')
@minValue(0)
param functionFailureThreshold int = 2

@description('Object ID of the person (or pipeline) deploying; gets Key Vault Secrets Officer to store customer secrets. azd fills it in.')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'epicor-sync-guard'
}
var functionAppName = 'func-syncguard-${resourceToken}'
var checkSchedule = empty(checkScheduleOverride) ? '0 */${checkIntervalMinutes} * * * *' : checkScheduleOverride

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${resourceToken}'
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: 'acs-${resourceToken}'
    emailServiceName: 'email-${resourceToken}'
    dataLocation: emailDataLocation
    domainManagement: emailDomainManagement
    customDomainName: emailCustomDomainName
    customDomainVerified: emailCustomDomainVerified
    senderUsername: emailSenderUsername
    tags: tags
  }
}

// Every app setting the code reads (src/config/settings.ts), plus the platform's.
var appSettings = {
  // Host storage and the queue trigger's "AzureWebJobsStorage" connection, reached with the system-assigned identity.
  AzureWebJobsStorage__accountName: storage.outputs.name
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  // Telemetry is sent with the app's Entra ID identity, because the component accepts no key.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  CheckSchedule: checkSchedule
  CheckTimeoutSeconds: string(checkTimeoutSeconds)
  FailuresBeforeAlert: string(failuresBeforeAlert)
  FanOutConcurrency: string(fanOutConcurrency)
  LicensePortalDatabase: 'Server=tcp:${sqlServerName}${environment().suffixes.sqlServerHostname},1433;Database=${sqlDatabaseName};Authentication=Active Directory Managed Identity;Encrypt=true'
  Secrets__Source: 'keyvault'
  Secrets__KeyVaultUrl: keyVault.outputs.uri
  Secrets__CacheSeconds: string(secretCacheSeconds)
  Email__Mode: 'acs'
  Email__Endpoint: email.outputs.endpoint
  Email__Sender: email.outputs.senderAddress
  Email__SupportAddress: supportEmailAddress
  Email__TimeoutSeconds: string(emailTimeoutSeconds)
  PortalPublicUrl: portalPublicUrl
  Auth__Issuer: authIssuer
  Auth__Audience: authAudience
  Auth__JwksUrl: authJwksUrl
  Epicor__AllowLoopback: 'false'
  Epicor__AllowPrivateNetworks: epicorAllowPrivateNetworks ? 'true' : 'false'
  Epicor__MaxResponseBytes: string(epicorMaxResponseBytes)
  DefaultTimeZone: defaultTimeZone
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
  }
}

module roleAssignments 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  scope: rg
  params: {
    appPrincipalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    communicationServiceName: email.outputs.communicationServiceName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module alerts 'alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    appInsightsId: monitoring.outputs.appInsightsId
    namePrefix: 'syncguard-${resourceToken}'
    alertEmailAddress: alertEmailAddress
    checkIntervalMinutes: checkIntervalMinutes
    functionFailureThreshold: functionFailureThreshold
    tags: tags
  }
}

// Outputs that azd stores in the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output FUNCTION_APP_PRINCIPAL_ID string = functionApp.outputs.principalId
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URL string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output EMAIL_SENDER string = email.outputs.senderAddress
output EMAIL_DOMAIN_LINKED bool = email.outputs.domainLinked
output EMAIL_DOMAIN_VERIFICATION_RECORDS object = email.outputs.domainVerificationRecords
output LICENSE_PORTAL_SQL_SERVER string = '${sqlServerName}${environment().suffixes.sqlServerHostname}'
