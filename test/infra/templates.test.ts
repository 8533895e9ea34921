import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  listBicepFiles,
  parseModuleUses,
  parseParams,
  readRepositoryFile,
  repositoryRoot,
  resourceTypeVersions,
} from './bicepText';

/**
 * Resource types and API versions the templates may use, each checked against
 * a published source before it was added here. Add a version only after
 * checking it the same way.
 */
const verifiedApiVersions: Record<string, { version: string; source: string }> = {
  'Microsoft.Resources/resourceGroups': { version: '2021-04-01', source: 'Azure-Samples Flex Consumption azd templates' },
  'Microsoft.Web/serverfarms': { version: '2024-04-01', source: 'Azure-Samples azure-functions-flex-consumption-samples ARM template' },
  'Microsoft.Web/sites': { version: '2024-04-01', source: 'Microsoft.Web/sites API change log (functionAppConfig since 2023-12-01)' },
  'Microsoft.Storage/storageAccounts': { version: '2023-05-01', source: 'Microsoft.Storage template reference' },
  'Microsoft.Storage/storageAccounts/blobServices': { version: '2023-05-01', source: 'Microsoft.Storage template reference' },
  'Microsoft.Storage/storageAccounts/blobServices/containers': { version: '2023-05-01', source: 'Microsoft.Storage template reference' },
  'Microsoft.Storage/storageAccounts/queueServices': { version: '2023-05-01', source: 'Microsoft.Storage queueServices template reference' },
  'Microsoft.Storage/storageAccounts/queueServices/queues': { version: '2023-05-01', source: 'Microsoft.Storage template reference' },
  'Microsoft.KeyVault/vaults': { version: '2023-07-01', source: 'Microsoft.KeyVault vaults template reference' },
  'Microsoft.OperationalInsights/workspaces': { version: '2023-09-01', source: 'Microsoft.OperationalInsights change log' },
  'Microsoft.Insights/components': { version: '2020-02-02', source: 'Microsoft.Insights components template reference' },
  'Microsoft.Insights/actionGroups': { version: '2022-04-01', source: 'Microsoft.Insights actionGroups 2022-04-01 template reference' },
  'Microsoft.Insights/scheduledQueryRules': { version: '2021-08-01', source: 'Microsoft.Insights scheduledQueryRules 2021-08-01 template reference' },
  'Microsoft.Authorization/roleAssignments': { version: '2022-04-01', source: 'Azure-Samples Flex Consumption ARM template' },
  'Microsoft.Communication/communicationServices': { version: '2023-04-01', source: 'Microsoft.Communication stable 2023-04-01 REST specification' },
  'Microsoft.Communication/emailServices': { version: '2023-04-01', source: 'Microsoft.Communication stable 2023-04-01 REST specification' },
  'Microsoft.Communication/emailServices/domains': { version: '2023-04-01', source: 'Microsoft.Communication stable 2023-04-01 REST specification' },
  'Microsoft.Communication/emailServices/domains/senderUsernames': {
    version: '2023-04-01',
    source: 'Microsoft.Communication stable 2023-04-01 REST specification',
  },
};

const bicepFiles = listBicepFiles();
const mainText = readRepositoryFile('infra/main.bicep');

describe('infrastructure templates', () => {
  it('finds the templates', () => {
    const files = bicepFiles;

    expect(files).toEqual(
      expect.arrayContaining([
        'infra/main.bicep',
        'infra/alerts.bicep',
        'infra/modules/functionApp.bicep',
        'infra/modules/storage.bicep',
        'infra/modules/keyVault.bicep',
        'infra/modules/monitoring.bicep',
        'infra/modules/email.bicep',
        'infra/modules/roleAssignments.bicep',
      ]),
    );
  });

  it.each(bicepFiles)('%s uses verified API versions', (file) => {
    const text = readRepositoryFile(file);
    const references = resourceTypeVersions(text);
    const versionMentions = [...text.matchAll(/@(\d{4}-\d{2}-\d{2}[\w-]*)/g)].length;

    const unverified = references
      .filter(({ type, version }) => verifiedApiVersions[type]?.version !== version)
      .map(({ type, version }) => `${type}@${version}`);

    expect(references.length).toBeGreaterThan(0);
    expect(versionMentions).toBe(references.length);
    expect(unverified).toEqual([]);
  });

  it.each(bicepFiles.flatMap((file) => parseModuleUses(readRepositoryFile(file)).map((use) => [file, use.symbol, use] as const)))(
    '%s passes valid params to %s',
    (file, _symbol, use) => {
      const modulePath = path.join(path.dirname(path.join(repositoryRoot, file)), use.modulePath);
      const moduleParams = parseParams(readRepositoryFile(path.relative(repositoryRoot, modulePath)));
      const declared = moduleParams.map((param) => param.name);
      const required = moduleParams.filter((param) => !param.hasDefault).map((param) => param.name);

      const unknown = use.params.filter((name) => !declared.includes(name));
      const missing = required.filter((name) => !use.params.includes(name));

      expect(existsSync(modulePath)).toBe(true);
      expect(unknown).toEqual([]);
      expect(missing).toEqual([]);
    },
  );

  it('targets the subscription for azd', () => {
    const scope = /^targetScope = '(\w+)'$/m.exec(mainText)?.[1];

    expect(scope).toBe('subscription');
  });

  it.each([
    ['storage', "allowSharedKeyAccess: false"],
    ['keyVault', 'enableRbacAuthorization: true'],
    ['monitoring', 'DisableLocalAuth: disableLocalAuth'],
    ['email', "userEngagementTracking: 'Disabled'"],
  ])('%s module declares %s', (module, fragment) => {
    const text = readRepositoryFile(`infra/modules/${module}.bicep`);

    expect(text).toContain(fragment);
  });

  it.each([
    ['storageBlobDataOwner', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'],
    ['storageQueueDataContributor', '974c5e8b-45b9-4653-ba55-5f855dd0fb88'],
    ['keyVaultSecretsUser', '4633458b-17de-408a-b874-0445c86b69e6'],
    ['monitoringMetricsPublisher', '3913510d-42f4-4e42-8a64-420c390055eb'],
    ['communicationAndEmailServiceOwner', '09976791-48a7-449e-bb21-39d1a415f350'],
  ])('assigns the app %s', (role, id) => {
    const text = readRepositoryFile('infra/modules/roleAssignments.bicep');

    expect(text).toContain(`${role}: '${id}'`);
    expect(text).toMatch(new RegExp(`roles\\.${role}\\b`));
  });
});

describe('azd configuration', () => {
  const parametersText = readRepositoryFile('infra/main.parameters.json');
  const parameters = Object.keys((JSON.parse(parametersText) as { parameters: Record<string, unknown> }).parameters);
  const mainParams = parseParams(mainText);

  it('sets only declared parameters', () => {
    const declared = mainParams.map((param) => param.name);

    const unknown = parameters.filter((name) => !declared.includes(name));

    expect(unknown).toEqual([]);
  });

  it('sets every required parameter', () => {
    const required = mainParams.filter((param) => !param.hasDefault).map((param) => param.name);

    const missing = required.filter((name) => !parameters.includes(name));

    expect(missing).toEqual([]);
  });

  it.each([
    ['environmentName', '${AZURE_ENV_NAME}'],
    ['location', '${AZURE_LOCATION}'],
    ['principalId', '${AZURE_PRINCIPAL_ID}'],
  ])('maps %s to %s', (name, value) => {
    const text = parametersText;

    expect(text).toContain(`"${name}": {\n      "value": "${value}"`);
  });

  it('deploys the function app service', () => {
    const text = readRepositoryFile('azure.yaml');

    expect(text).toMatch(/^services:\n {2}# .*\n {2}api:\n {4}project: \.\n {4}language: ts\n {4}host: function$/m);
    expect(text).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\n {2}module: main$/m);
  });
});
