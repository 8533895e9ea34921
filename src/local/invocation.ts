import { randomUUID } from 'node:crypto';
import { InvocationContext, type LogLevel } from '@azure/functions';
import { writeLocalLog } from './consoleLog';
import type { BindingMetadata, RegisteredFunction } from './functionsCore';
import { triggerOf } from './loadFunctionApp';

const levelNames: Record<LogLevel, string> = {
  trace: 'debug',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  none: 'info',
};

/** Options for {@link createInvocationContext}. */
export interface InvocationOptions {
  triggerMetadata?: Record<string, unknown>;
  /** Lowest level written; debug lines are hidden unless asked for. */
  verbose?: boolean;
}

/** Creates the library's own `InvocationContext` for one invocation of a registered function. */
export function createInvocationContext(registered: RegisteredFunction, options: InvocationOptions = {}): InvocationContext {
  const invocationId = randomUUID();
  const outputs = Object.values(registered.bindings).filter((binding) => binding.direction === 'out');
  return new InvocationContext({
    invocationId,
    functionName: registered.name,
    triggerMetadata: options.triggerMetadata,
    options: {
      trigger: { ...triggerOf(registered), name: triggerOf(registered).name ?? 'trigger', type: triggerOf(registered).type },
      extraOutputs: outputs.map((binding) => ({ ...binding, name: binding.name ?? '', type: binding.type })),
    },
    logHandler: (level, ...args) => {
      const name = levelNames[level];
      if (name === 'debug' && !options.verbose) {
        return;
      }
      writeLocalLog(name, `${registered.name} ${invocationId.slice(0, 8)}`, ...args);
    },
  });
}

/** Returns the output bindings of a registered function keyed by binding name. */
export function outputBindings(registered: RegisteredFunction): [string, BindingMetadata][] {
  return Object.entries(registered.bindings).filter(([, binding]) => binding.direction === 'out');
}
