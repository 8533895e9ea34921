/**
 * A stand-in for the `@azure/functions-core` module that the Azure Functions
 * worker supplies at run time. `@azure/functions` hands every `app.http`,
 * `app.timer` and `app.storageQueue` registration to this module; here we
 * record them so the local host can run the same handlers. It is installed
 * only inside the local host's process (see loadFunctionApp.ts), never as a
 * package, so the real worker's module is never shadowed.
 */

/** Binding metadata as `@azure/functions` builds it (a subset of the worker's RpcBindingInfo). */
export interface BindingMetadata {
  type: string;
  direction: 'in' | 'out';
  name?: string;
  [property: string]: unknown;
}

/** One registered function: its name, bindings and handler. */
export interface RegisteredFunction {
  name: string;
  bindings: Record<string, BindingMetadata>;
  handler: (...args: unknown[]) => unknown;
}

/** Hook callbacks by hook name (`appStart`, `appTerminate`, ...). */
export type HookCallback = (context: unknown) => unknown;

interface Registry {
  functions: RegisteredFunction[];
  hooks: Map<string, HookCallback[]>;
}

const registryKey = Symbol.for('epicor-sync-guard.functions-core.registry');

/** Returns the process-wide registry that the stand-in module fills. */
export function getRegistry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[registryKey] ??= { functions: [], hooks: new Map() };
  return holder[registryKey];
}

/** Clears recorded registrations, so the entry can be loaded again in one process. */
export function resetRegistry(): void {
  const registry = getRegistry();
  registry.functions.length = 0;
  registry.hooks.clear();
}

export const version = 'local';

export function setProgrammingModel(_model: unknown): void {
  // The local host invokes handlers directly, so the worker's programming model is not needed.
}

export function getProgrammingModel(): undefined {
  return undefined;
}

export function registerFunction(
  metadata: { name: string; bindings: Record<string, BindingMetadata> },
  handler: (...args: unknown[]) => unknown,
): { dispose(): void } {
  const registry = getRegistry();
  if (registry.functions.some((registered) => registered.name === metadata.name)) {
    throw new Error(`A function named "${metadata.name}" is already registered`);
  }
  const entry: RegisteredFunction = { name: metadata.name, bindings: metadata.bindings, handler };
  registry.functions.push(entry);
  return {
    dispose: () => {
      const index = registry.functions.indexOf(entry);
      if (index >= 0) {
        registry.functions.splice(index, 1);
      }
    },
  };
}

export function registerHook(hookName: string, callback: HookCallback): { dispose(): void } {
  const registry = getRegistry();
  const list = registry.hooks.get(hookName) ?? [];
  list.push(callback);
  registry.hooks.set(hookName, list);
  return {
    dispose: () => {
      const index = list.indexOf(callback);
      if (index >= 0) {
        list.splice(index, 1);
      }
    },
  };
}

export function log(level: string, category: string, message: string): void {
  if (level === 'error' || level === 'warning') {
    console.warn(`[functions ${category}] ${message}`);
  }
}
