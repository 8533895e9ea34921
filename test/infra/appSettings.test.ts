import { appSettingNames } from '../../src/config/settings';
import { parseNcrontab } from '../../src/shared/ncrontab';
import { blockAfterPattern, parseParams, readRepositoryFile, topLevelKeys } from './bicepText';

const mainText = readRepositoryFile('infra/main.bicep');
const functionAppText = readRepositoryFile('infra/modules/functionApp.bicep');
const appSettingsBlock = blockAfterPattern(mainText, /^var appSettings = /m);
const deployedSettings = topLevelKeys(appSettingsBlock);

/** Settings the code reads, as the deployment guide lists them. */
const documentedSettings = [
  'CheckSchedule',
  'CheckTimeoutSeconds',
  'FailuresBeforeAlert',
  'FanOutConcurrency',
  'LicensePortalDatabase',
  'Secrets__Source',
  'Secrets__KeyVaultUrl',
  'Secrets__CacheSeconds',
  'Email__Mode',
  'Email__Endpoint',
  'Email__Sender',
  'Email__SupportAddress',
  'Email__TimeoutSeconds',
  'PortalPublicUrl',
  'Auth__Issuer',
  'Auth__Audience',
  'Auth__JwksUrl',
  'Epicor__AllowLoopback',
  'Epicor__AllowPrivateNetworks',
  'Epicor__MaxResponseBytes',
];

/** Settings that only the local host uses: files and folders on the developer's machine. */
const localOnlySettings = ['Secrets__LocalFile', 'Email__OutboxDir', 'Auth__JwksFile'];

/** Settings of other plans that Flex Consumption rejects or ignores; it takes the runtime from functionAppConfig. */
const settingsNotForFlexConsumption = [
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
];

function settingValue(name: string): string {
  const match = new RegExp(`^\\s*${name}: (.+)$`, 'm').exec(appSettingsBlock);
  if (!match?.[1]) {
    throw new Error(`App setting ${name} has no value in infra/main.bicep`);
  }
  return match[1].trim();
}

describe('function app settings', () => {
  it.each(documentedSettings)('deploys %s', (name) => {
    const deployed = deployedSettings.includes(name);

    expect(deployed).toBe(true);
  });

  it('deploys every setting the code reads', () => {
    const required = appSettingNames.filter((name) => !localOnlySettings.includes(name));

    const missing = required.filter((name) => !deployedSettings.includes(name));

    expect(missing).toEqual([]);
  });

  it.each(localOnlySettings)('leaves local-only %s unset', (name) => {
    const deployed = deployedSettings.includes(name);

    expect(deployed).toBe(false);
  });

  it.each([
    ['AzureWebJobsStorage__accountName', 'storage.outputs.name'],
    ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'monitoring.outputs.connectionString'],
    ['APPLICATIONINSIGHTS_AUTHENTICATION_STRING', "'Authorization=AAD'"],
    ['Secrets__Source', "'keyvault'"],
    ['Secrets__KeyVaultUrl', 'keyVault.outputs.uri'],
    ['Email__Mode', "'acs'"],
    ['Email__Endpoint', 'email.outputs.endpoint'],
    ['Email__Sender', 'email.outputs.senderAddress'],
    ['Epicor__AllowLoopback', "'false'"],
  ])('wires %s from %s', (name, expected) => {
    const value = settingValue(name);

    expect(value).toBe(expected);
  });

  it('builds the portal connection string without a password', () => {
    const value = settingValue('LicensePortalDatabase');

    expect(value).toContain('Server=tcp:${sqlServerName}${environment().suffixes.sqlServerHostname},1433');
    expect(value).toContain('Database=${sqlDatabaseName}');
    expect(value).toContain('Authentication=Active Directory Managed Identity');
    expect(value).toContain('Encrypt=true');
    expect(value).not.toMatch(/password|pwd|user id/i);
  });

  it('uses identity, not keys, for host storage', () => {
    const storageKeys = deployedSettings.filter((name) => name === 'AzureWebJobsStorage' || /AccountKey|SharedAccessSignature/i.test(name));

    expect(storageKeys).toEqual([]);
    expect(mainText).not.toMatch(/listKeys\(|AccountKey=/);
  });

  it.each(settingsNotForFlexConsumption)('omits %s on Flex Consumption', (name) => {
    const deployed = deployedSettings.includes(name);

    expect(deployed).toBe(false);
  });

  it('defaults the schedule to every five minutes', () => {
    const interval = /^param checkIntervalMinutes int = (\d+)$/m.exec(mainText)?.[1];
    const template = /^var checkSchedule = empty\(checkScheduleOverride\) \? '([^']+)'/m.exec(mainText)?.[1];

    const schedule = template?.replace('${checkIntervalMinutes}', interval ?? '');

    expect(schedule).toBe('0 */5 * * * *');
    expect(() => parseNcrontab(schedule ?? '')).not.toThrow();
  });

  it('passes the settings to the site', () => {
    const siteSettings = /appSettings: \[\s*for setting in items\(appSettings\): \{\s*name: setting\.key\s*value: setting\.value/m.test(functionAppText);

    expect(siteSettings).toBe(true);
    expect(parseParams(functionAppText).find((param) => param.name === 'appSettings')?.type).toBe('object');
  });
});

describe('function app resource', () => {
  it.each([
    ["kind: 'functionapp,linux'"],
    ["name: 'FC1'"],
    ["tier: 'FlexConsumption'"],
    ["type: 'SystemAssigned'"],
    ["type: 'blobContainer'"],
    ["type: 'SystemAssignedIdentity'"],
    ["name: 'node'"],
    ["version: '22'"],
    ["'azd-service-name': 'api'"],
    ['httpsOnly: true'],
  ])('declares %s', (fragment) => {
    const declared = functionAppText.includes(fragment);

    expect(declared).toBe(true);
  });
});
