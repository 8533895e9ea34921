import Module from 'node:module';
import { resolve } from 'node:path';
import { getRegistry, resetRegistry, type BindingMetadata, type HookCallback, type RegisteredFunction } from './functionsCore';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };

let hookInstalled = false;

/**
 * Makes `require('@azure/functions-core')` resolve to the local stand-in in
 * this process only. The hook is installed once and left in place.
 */
export function installFunctionsCoreHook(): void {
  if (hookInstalled) {
    return;
  }
  const original = moduleWithResolver._resolveFilename;
  const standIn = require.resolve('./functionsCore');
  moduleWithResolver._resolveFilename = function resolveWithStandIn(this: unknown, request: string, ...rest: unknown[]) {
    if (request === '@azure/functions-core') {
      return standIn;
    }
    return original.call(this, request, ...rest);
  };
  hookInstalled = true;
}

/** The registrations of a loaded function app. */
export interface LoadedFunctionApp {
  functions: RegisteredFunction[];
  hooks: Map<string, HookCallback[]>;
}

/** Returns the trigger binding of a registered function. */
export function triggerOf(registered: RegisteredFunction): BindingMetadata {
  const trigger = Object.values(registered.bindings).find(
    (binding) => binding.direction === 'in' && binding.type.endsWith('Trigger'),
  );
  if (!trigger) {
    throw new Error(`Function "${registered.name}" has no trigger binding`);
  }
  return trigger;
}

/**
 * Loads the function app's entry module (package.json `main`) the way the
 * Functions worker does and returns every registration it made.
 */
export function loadFunctionApp(entryFile: string): LoadedFunctionApp {
  installFunctionsCoreHook();
  resetRegistry();
  const entry = resolve(entryFile);
  // Loading the entry runs each app.http/app.timer/app.storageQueue call; its path is only known at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(entry);
  const registry = getRegistry();
  return { functions: [...registry.functions], hooks: new Map(registry.hooks) };
}
