import { telemetryEventFields, telemetryEventNames, type TelemetryEventName } from '../../src/telemetry/events';
import { readRepositoryFile } from './bicepText';

const alertsText = readRepositoryFile('infra/alerts.bicep');

/** The queries: every multi-line string of the template. */
const queries = [...alertsText.matchAll(/'''([\s\S]*?)'''/g)].map((match) => match[1] ?? '');

/** Fields of each event, as the code writes them; `event` is in every one. */
const eventFields: Record<TelemetryEventName, readonly string[]> = telemetryEventFields;

const parseExpression = 'extend e = parse_json(extract(@"^SyncGuardEvent \\w+ (\\{.*\\})$", 1, message))';

const monitoringFunctions = ['scheduleConnectionChecks', 'checkEpicorConnection', 'recordPoisonCheck'];

function eventNamesIn(query: string): string[] {
  const names = [
    ...[...query.matchAll(/SyncGuardEvent (\w+)/g)].map((match) => match[1] ?? ''),
    ...[...query.matchAll(/tostring\(e\.event\) == "(\w+)"/g)].map((match) => match[1] ?? ''),
  ].filter((name) => name !== '' && name !== 'w');
  return [...new Set(names)];
}

function isEventName(name: string): name is TelemetryEventName {
  return (telemetryEventNames as readonly string[]).includes(name);
}

const eventQueries = queries.filter((query) => eventNamesIn(query).length > 0);

describe('alert rule queries', () => {
  it('finds the six queries', () => {
    const count = queries.length;

    expect(count).toBe(6);
  });

  it('queries only known event names', () => {
    const names = eventQueries.flatMap(eventNamesIn);

    const unknown = names.filter((name) => !isEventName(name));

    expect(names.length).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });

  it.each(['OutageOpened', 'PoisonMessage', 'CheckCycleScheduled', 'AlertEmailFailed', 'MonitorFault'])('has a rule for %s', (name) => {
    const ruleQueries = eventQueries.filter((query) => eventNamesIn(query).includes(name));

    expect(ruleQueries).toHaveLength(1);
  });

  it.each(eventQueries.map((query) => [eventNamesIn(query).join(','), query]))('%s query selects one event', (_name, query) => {
    const names = eventNamesIn(query);
    const name = names[0] ?? '';

    expect(names).toHaveLength(1);
    expect(query).toContain(`| where message startswith "SyncGuardEvent ${name} "`);
    expect(query).toContain(`| ${parseExpression}`);
    expect(query).toContain(`| where tostring(e.event) == "${name}"`);
  });

  it.each(eventQueries.map((query) => [eventNamesIn(query).join(','), query]))('%s query reads its own fields', (name, query) => {
    const fields = [...query.matchAll(/\be\.(\w+)/g)].map((match) => match[1] ?? '');
    const known = isEventName(name) ? ['event', ...eventFields[name]] : [];

    const foreign = fields.filter((field) => !known.includes(field));

    expect(fields).toContain('event');
    expect(foreign).toEqual([]);
  });

  it('lists every telemetry event', () => {
    const described = Object.keys(eventFields).sort();

    expect(described).toEqual([...telemetryEventNames].sort());
  });

  it('splits outages by customer, application and environment', () => {
    const query = eventQueries.find((candidate) => eventNamesIn(candidate).includes('OutageOpened')) ?? '';
    const dimensions = /summarize \w+ = count\(\) by (.+)$/m.exec(query)?.[1]?.split(',').map((name) => name.trim());
    const ruleBlock = alertsText.slice(alertsText.indexOf("key: 'outage-opened'"), alertsText.indexOf("key: 'function-failures'"));

    expect(dimensions).toEqual(expect.arrayContaining(['Customer', 'Application', 'Environment']));
    expect(query).toContain('tostring(e.customerName)');
    expect(query).toContain('tostring(e.applicationName)');
    for (const dimension of ['Customer', 'Application', 'Environment']) {
      expect(ruleBlock).toContain(`name: '${dimension}'`);
    }
  });

  it('counts failed monitoring function requests', () => {
    const query = queries.find((candidate) => candidate.trimStart().startsWith('requests')) ?? '';

    expect(query).toContain('| where success == false');
    for (const name of monitoringFunctions) {
      expect(query).toContain(`"${name}"`);
    }
  });

  it('fires on no heartbeat within two intervals', () => {
    const ruleBlock = alertsText.slice(alertsText.indexOf("key: 'no-heartbeat'"), alertsText.indexOf("key: 'email-failures'"));

    expect(alertsText).toMatch(/^param checkIntervalMinutes int = 5$/m);
    expect(alertsText).toMatch(/^var heartbeatLookbackMinutes = 2 \* checkIntervalMinutes$/m);
    expect(alertsText).toContain('| where timestamp > ago(LOOKBACK_MINUTESm)');
    expect(ruleBlock).toContain("query: replace(heartbeatQueryTemplate, 'LOOKBACK_MINUTES', string(heartbeatLookbackMinutes))");
    expect(ruleBlock).toContain("operator: 'LessThan'");
    expect(ruleBlock).toContain('threshold: 1');
  });

  it('sends every rule to the action group', () => {
    const ruleCount = [...alertsText.matchAll(/^ {4}key: '([a-z-]+)'$/gm)].length;

    expect(ruleCount).toBe(queries.length);
    expect(alertsText).toContain('operators.id');
    expect(alertsText).toContain('emailAddress: alertEmailAddress');
  });
});
