import { formatTelemetryEvent, telemetryEventFields, telemetryEventNames } from '../../src/telemetry/events';

describe('telemetry events', () => {
  it('documents fields for every event', () => {
    expect(Object.keys(telemetryEventFields).sort()).toEqual([...telemetryEventNames].sort());
  });

  it('formats the line alert rules parse', () => {
    const line = formatTelemetryEvent('PoisonMessage', { queueName: 'epicor-connection-checks', messagePreview: '{"a":1}', invocationId: 'abc' });

    const match = /^SyncGuardEvent (\w+) (\{.*\})$/.exec(line);
    expect(match?.[1]).toBe('PoisonMessage');
    expect(JSON.parse(match?.[2] ?? '{}')).toEqual({
      event: 'PoisonMessage',
      queueName: 'epicor-connection-checks',
      messagePreview: '{"a":1}',
      invocationId: 'abc',
    });
  });
});
