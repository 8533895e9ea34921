/** Reads secrets by name: Key Vault in Azure, a local JSON file in the embedded default. */
export interface SecretStore {
  /** Returns the secret's current value, or throws {@link SecretNotFoundError}. */
  getSecret(name: string): Promise<string>;
}

/** Raised when a secret does not exist (or is disabled) in the store. */
export class SecretNotFoundError extends Error {
  constructor(
    readonly secretName: string,
    readonly store: string,
    options?: { cause?: unknown },
  ) {
    super(`Secret "${secretName}" was not found in ${store}: create it or correct the name that refers to it`, options);
    this.name = 'SecretNotFoundError';
  }
}

/** Names of secrets are limited to Key Vault's alphabet, which also keeps them safe in paths and logs. */
export function isValidSecretName(name: string): boolean {
  return /^[0-9a-zA-Z-]{1,127}$/.test(name);
}
