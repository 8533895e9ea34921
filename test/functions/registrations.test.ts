import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localSettingsEnvironment } from '../support/localSettingsEnv';

interface Binding {
  type: string;
  direction: string;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  runOnStartup?: boolean;
  queueName?: string;
  connection?: string;
}

interface Registrations {
  functions: { name: string; bindings: Record<string, Binding> }[];
  hooks: string[];
}

const root = join(__dirname, '../..');
const describer = join(root, 'dist/src/local/describeFunctionApp.js');

function loadRegistrations(environment: NodeJS.ProcessEnv): Registrations {
  const output = execFileSync(process.execPath, [describer], { cwd: root, env: environment, encoding: 'utf8' });
  return JSON.parse(output) as Registrations;
}

function triggerOf(registrations: Registrations, name: string): Binding {
  const registered = registrations.functions.find((candidate) => candidate.name === name);
  if (!registered) {
    throw new Error(`function ${name} is not registered`);
  }
  const trigger = Object.values(registered.bindings).find((binding) => binding.direction === 'in' && binding.type.endsWith('Trigger'));
  if (!trigger) {
    throw new Error(`function ${name} has no trigger`);
  }
  return trigger;
}

describe('built function app entry', () => {
  let registrations: Registrations;

  beforeAll(() => {
    if (!existsSync(describer)) {
      throw new Error('dist is missing: run "npm run build" first (npm test does)');
    }
    registrations = loadRegistrations(localSettingsEnvironment());
  });

  it('is the package main', () => {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

    expect(packageJson.main).toBe('dist/src/functions/index.js');
  });

  it.each([
    ['health', 'health', ['GET']],
    ['getMe', 'me', ['GET']],
    ['listCustomers', 'customers', ['GET']],
    ['listFailedMessages', 'customers/{customerId}/failed-messages', ['GET']],
    ['resendFailedMessages', 'customers/{customerId}/failed-messages/resend', ['POST']],
    ['listMessageResends', 'customers/{customerId}/failed-messages/{id}/resends', ['GET']],
    ['listConnections', 'customers/{customerId}/connections', ['GET']],
    ['listSyncLogs', 'customers/{customerId}/sync-logs', ['GET']],
    ['testConnection', 'customers/{customerId}/connections/{applicationId}/{environment}/test', ['POST']],
    ['servePortal', 'portal/{*path}', ['GET']],
  ])('registers HTTP function %s', (name, route, methods) => {
    const trigger = triggerOf(registrations, name);

    expect(trigger.type).toBe('httpTrigger');
    expect(trigger.route).toBe(route);
    expect(trigger.methods).toEqual(methods);
    expect(trigger.authLevel).toBe('anonymous');
  });

  it('binds the timer schedule to an app setting', () => {
    const trigger = triggerOf(registrations, 'scheduleConnectionChecks');

    expect(trigger.type).toBe('timerTrigger');
    expect(trigger.schedule).toBe('%CheckSchedule%');
    expect(trigger.runOnStartup).toBeFalsy();
  });

  it('writes the timer output to the check queue', () => {
    const registered = registrations.functions.find((candidate) => candidate.name === 'scheduleConnectionChecks');
    const outputs = Object.values(registered?.bindings ?? {}).filter((binding) => binding.direction === 'out');

    expect(outputs).toEqual([expect.objectContaining({ type: 'queue', queueName: 'epicor-connection-checks', connection: 'AzureWebJobsStorage' })]);
  });

  it.each([
    ['checkEpicorConnection', 'epicor-connection-checks'],
    ['recordPoisonCheck', 'epicor-connection-checks-poison'],
  ])('registers queue function %s', (name, queueName) => {
    const trigger = triggerOf(registrations, name);

    expect(trigger.type).toBe('queueTrigger');
    expect(trigger.queueName).toBe(queueName);
    expect(trigger.connection).toBe('AzureWebJobsStorage');
  });

  it('registers no function twice and closes pools on terminate', () => {
    const names = registrations.functions.map((registered) => registered.name);

    expect(new Set(names).size).toBe(names.length);
    expect(registrations.hooks).toContain('appTerminate');
  });

  it('stops loading when a setting is invalid', () => {
    const environment = localSettingsEnvironment({ CheckTimeoutSeconds: 'soon', LicensePortalDatabase: '' });

    let failure = '';
    try {
      loadRegistrations(environment);
    } catch (error) {
      failure = String((error as { stderr?: string }).stderr);
    }

    expect(failure).toContain('CheckTimeoutSeconds');
    expect(failure).toContain('LicensePortalDatabase is missing');
  });
});
