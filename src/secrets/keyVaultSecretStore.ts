import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { SecretNotFoundError, isValidSecretName, type SecretStore } from './secretStore';

/** Reads secrets from Azure Key Vault with the app's managed identity. */
export class KeyVaultSecretStore implements SecretStore {
  readonly #client: SecretClient;
  readonly #vaultUrl: string;

  constructor(vaultUrl: string, credential: TokenCredential = new DefaultAzureCredential()) {
    this.#vaultUrl = vaultUrl;
    this.#client = new SecretClient(vaultUrl, credential);
  }

  async getSecret(name: string): Promise<string> {
    if (!isValidSecretName(name)) {
      throw new SecretNotFoundError(name, this.#vaultUrl);
    }
    try {
      const secret = await this.#client.getSecret(name);
      if (secret.value === undefined || secret.properties.enabled === false) {
        throw new SecretNotFoundError(name, this.#vaultUrl);
      }
      return secret.value;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) {
        throw new SecretNotFoundError(name, this.#vaultUrl, { cause: error });
      }
      throw error;
    }
  }
}
