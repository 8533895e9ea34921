import { output } from '@azure/functions';
import type { RegisteredFunction } from '../../src/local/functionsCore';
import { LocalQueueStore } from '../../src/local/localQueue';
import { QueueHost } from '../../src/local/queueHost';

const queueConfig = { batchSize: 4, newBatchThreshold: 2, maxDequeueCount: 5, visibilityTimeoutMs: 0, maxPollingIntervalMs: 20 };

function queueFunction(name: string, queueName: string, handler: (message: unknown, context: unknown) => unknown): RegisteredFunction {
  return {
    name,
    bindings: { trigger: { type: 'queueTrigger', direction: 'in', name: 'trigger', queueName, connection: 'AzureWebJobsStorage' } },
    handler,
  };
}

describe('LocalQueueStore', () => {
  it('hides a received message until released', () => {
    let now = 1000;
    const store = new LocalQueueStore(':memory:', () => now);
    store.enqueue('checks', 'first');

    const [received] = store.receive('checks', 1, 30_000);
    const whileHidden = store.receive('checks', 1, 30_000);
    now += 30_000;
    const [again] = store.receive('checks', 1, 30_000);

    expect(received?.dequeueCount).toBe(1);
    expect(whileHidden).toEqual([]);
    expect(again?.dequeueCount).toBe(2);
    expect(store.complete(received!)).toBe(false);
    expect(store.complete(again!)).toBe(true);
    expect(store.count('checks')).toBe(0);
    store.close();
  });
});

describe('QueueHost', () => {
  it('retries a failing message and then poisons it', async () => {
    const store = new LocalQueueStore(':memory:');
    const deliveries: number[] = [];
    const failing = queueFunction('failing', 'checks', (_message, context) => {
      deliveries.push(Number((context as { triggerMetadata: { dequeueCount: number } }).triggerMetadata.dequeueCount));
      throw new Error('Epicor database is down');
    });
    const host = new QueueHost([failing], store, queueConfig);
    store.enqueue('checks', JSON.stringify({ customerId: 'c1' }));

    host.start();
    const idle = await host.waitForIdle(5000);
    await host.stop();

    expect(idle).toBe(true);
    expect(deliveries).toEqual([1, 2, 3, 4, 5]);
    expect(store.peekAll('checks-poison')).toEqual([JSON.stringify({ customerId: 'c1' })]);
    store.close();
  });

  it('passes JSON as an object and writes queue outputs', async () => {
    const store = new LocalQueueStore(':memory:');
    const received: unknown[] = [];
    const forward = output.storageQueue({ queueName: 'forwarded', connection: 'AzureWebJobsStorage' });
    const relay: RegisteredFunction = {
      name: 'relay',
      bindings: {
        trigger: { type: 'queueTrigger', direction: 'in', name: 'trigger', queueName: 'incoming' },
        [forward.name]: { ...forward, direction: 'out' },
      },
      handler: ((message: unknown, context: { extraOutputs: { set(name: string, value: unknown): void } }) => {
        received.push(message);
        context.extraOutputs.set(forward.name, [{ n: 1 }, { n: 2 }]);
      }) as RegisteredFunction['handler'],
    };
    const host = new QueueHost([relay], store, queueConfig);
    store.enqueue('incoming', '{"n":0}');
    store.enqueue('incoming', 'plain text');

    host.start();
    await host.waitForIdle(5000);
    await host.stop();

    expect(received).toEqual([{ n: 0 }, 'plain text']);
    expect(store.peekAll('forwarded')).toEqual(['{"n":1}', '{"n":2}', '{"n":1}', '{"n":2}']);
    store.close();
  });
});
