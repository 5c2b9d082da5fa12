// Avvikelse on Azure: the product's container on App Service for Linux, an Azure Bot (single
// tenant, Teams channel), a user-assigned managed identity, and a Key Vault for the two secrets.
// Everything in an EU region (Sweden Central by default), HTTPS only, TLS 1.2 or later.
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p infra/main.parameters.json
//
// Settings are the product's own (README, "Configuration"); secrets reach the app as Key Vault
// references, read with the managed identity, and are never written into app settings.

targetScope = 'resourceGroup'

@description('Short name for the resources, e.g. avvikelse-prod.')
@minLength(3)
@maxLength(20)
param resourceBaseName string

@description('EU region of every regional resource (data stays in the EU; SPEC §7).')
@allowed([
  'swedencentral'
  'swedensouth'
  'northeurope'
  'westeurope'
  'germanywestcentral'
  'francecentral'
  'norwayeast'
])
param location string = 'swedencentral'

@description('The product image, e.g. <registry>.azurecr.io/avvikelse:0.1.0 (built from the Dockerfile).')
param containerImage string

@description('Login server of the Azure Container Registry holding the image; pulled with the managed identity.')
param containerRegistry string

@description('App Service plan SKU (Linux). P0v3 or larger for production.')
param appServiceSku string = 'P0v3'

@description('AVVIKELSE_PUBLIC_URL: the https address users and Teams reach the product on. Empty: the App Service default host.')
param publicUrl string = ''

@description('ENTRA_TENANT_ID: the organisation\'s tenant id.')
param entraTenantId string = subscription().tenantId

@description('ENTRA_CLIENT_ID: the API app registration (SSO, Graph).')
param entraClientId string

@description('ENTRA_API_AUDIENCE: the App ID URI; empty means api://<public host>/<client id>.')
param entraApiAudience string = ''

@description('ENTRA_ROLE_GROUPS: JSON from Entra group object id to routing group key.')
param entraRoleGroups string = '{}'

@description('MICROSOFT_APP_ID: the bot\'s app registration (single tenant).')
param botAppId string

@secure()
@description('MICROSOFT_APP_PASSWORD: the bot app registration\'s client secret; stored in Key Vault.')
param botAppPassword string

@secure()
@description('ENTRA_CLIENT_SECRET: the API app registration\'s secret for Graph; stored in Key Vault. Empty with a certificate or the local store.')
param entraClientSecret string = ''

@description('AVVIKELSE_STORE: local or sharepoint.')
@allowed([
  'local'
  'sharepoint'
])
param store string = 'sharepoint'

@description('SHAREPOINT_SITE_ID: the registry site\'s Graph id (README, "The SharePoint registry").')
param sharePointSiteId string = ''

@description('TEAMS_APP_ID: the Teams app\'s manifest id (activity feed and deep links).')
param teamsAppId string = ''

@description('AVVIKELSE_OWN_DOMAINS: the organisation\'s own e-mail domains, comma-separated.')
param ownDomains string = ''

@description('Bot Service region: global, or westeurope for the EU regional Bot Service.')
param botLocation string = 'global'

@description('Azure Bot pricing tier.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

var defaultHost = '${resourceBaseName}.azurewebsites.net'
var publicAddress = empty(publicUrl) ? 'https://${defaultHost}' : publicUrl
var keyVaultName = take('${replace(resourceBaseName, '-', '')}kv${uniqueString(resourceGroup().id)}', 24)
// Built-in roles: Key Vault Secrets User, AcrPull.
var keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: botAppPassword
  }
}

resource entraSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(entraClientSecret)) {
  parent: vault
  name: 'entra-client-secret'
  properties: {
    value: entraClientSecret
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: split(containerRegistry, '.')[0]
}

resource imagePuller 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, acrPullRole)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identity.properties.clientId
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      alwaysOn: true
      healthCheckPath: '/healthz'
      // One instance: the embedded store (bot state, outbox) is a SQLite file on /home.
      numberOfWorkers: 1
      appSettings: [
        { name: 'WEBSITES_PORT', value: '3978' }
        { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
        { name: 'AVVIKELSE_MODE', value: 'production' }
        { name: 'HOST', value: '0.0.0.0' }
        { name: 'PORT', value: '3978' }
        { name: 'AVVIKELSE_DATA_DIR', value: '/home/avvikelse' }
        { name: 'AVVIKELSE_PUBLIC_URL', value: publicAddress }
        // App Service's front end is the one proxy whose X-Forwarded-For is believed.
        { name: 'AVVIKELSE_TRUSTED_PROXY_HOPS', value: '1' }
        { name: 'AVVIKELSE_OWN_DOMAINS', value: ownDomains }
        { name: 'ENTRA_TENANT_ID', value: entraTenantId }
        { name: 'ENTRA_CLIENT_ID', value: entraClientId }
        { name: 'ENTRA_API_AUDIENCE', value: entraApiAudience }
        { name: 'ENTRA_ROLE_GROUPS', value: entraRoleGroups }
        { name: 'MICROSOFT_APP_ID', value: botAppId }
        { name: 'MICROSOFT_APP_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})' }
        { name: 'MICROSOFT_APP_TENANT_ID', value: entraTenantId }
        { name: 'AVVIKELSE_STORE', value: store }
        { name: 'SHAREPOINT_SITE_ID', value: sharePointSiteId }
        { name: 'ENTRA_CLIENT_SECRET', value: empty(entraClientSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${entraSecret!.properties.secretUri})' }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
      ]
    }
  }
  dependsOn: [
    vaultReader
    imagePuller
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: botLocation
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Avvikelse'
    endpoint: '${publicAddress}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: entraTenantId
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The address to give the app package (AVVIKELSE_PUBLIC_URL) and the bot\'s messaging endpoint.')
output publicUrl string = publicAddress
output botEndpoint string = '${publicAddress}/api/messages'
output managedIdentityClientId string = identity.properties.clientId
output keyVaultName string = vault.name
