// Azure Communication Services Email: an Email Communication Service with one
// sender domain, a sender address on it, and the Communication Services
// resource that the app sends through (with its managed identity).
//
// An Azure-managed domain (<id>.azurecomm.net) is verified by Azure and linked
// at once. A custom domain is created unverified: add the DNS records of the
// `domainVerificationRecords` output, verify the domain, then provision again
// with customDomainVerified = true to link it. Until it is linked, sends fail
// and the "alert emails failing" rule fires.

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Email Communication Service resource.')
param emailServiceName string

@description('Where Communication Services stores its data at rest, such as "Europe", "UK" or "United States". Both resources must use the same.')
param dataLocation string

@description('AzureManaged for a free <id>.azurecomm.net sender domain; CustomerManaged for your own domain.')
@allowed([
  'AzureManaged'
  'CustomerManaged'
])
param domainManagement string = 'AzureManaged'

@description('Your sender domain, such as notify.example.com; required when domainManagement is CustomerManaged.')
param customDomainName string = ''

@description('Set to true once the custom domain shows as verified, to link it to the Communication Services resource.')
param customDomainVerified bool = false

@description('Local part of the sender address on a custom domain, such as alerts. An Azure-managed domain always sends as DoNotReply.')
param senderUsername string = 'DoNotReply'

@description('Display name of the sender address.')
param senderDisplayName string = 'Epicor Sync Guard'

param tags object = {}

var isAzureManaged = domainManagement == 'AzureManaged'

// An Azure-managed domain must have this exact resource name.
var domainResourceName = isAzureManaged ? 'AzureManagedDomain' : customDomainName

var linkDomain = isAzureManaged || customDomainVerified

// Azure-managed domains offer only the DoNotReply sender.
var effectiveSenderUsername = isAzureManaged ? 'DoNotReply' : senderUsername

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: domainResourceName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: domainManagement
    // Tracking rewrites links in the email body; outage emails carry links to the portal that must stay as sent.
    userEngagementTracking: 'Disabled'
  }
}

resource sender 'Microsoft.Communication/emailServices/domains/senderUsernames@2023-04-01' = {
  parent: domain
  name: toLower(effectiveSenderUsername)
  properties: {
    username: effectiveSenderUsername
    displayName: senderDisplayName
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: linkDomain ? [
      domain.id
    ] : []
  }
}

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = '${sender.properties.username}@${domain.properties.mailFromSenderDomain}'
output domainLinked bool = linkDomain
output domainVerificationRecords object = domain.properties.verificationRecords
