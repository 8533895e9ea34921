import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { SecretNotFoundError, type SecretStore } from './secretStore';

const secretsFileSchema = z.record(z.string(), z.string());

/**
 * Reads secrets from a JSON file of name to value, for the embedded default.
 * The file is read on every call, so edits apply while the host runs. The
 * caching store in front of it bounds how often that happens.
 */
export class LocalSecretStore implements SecretStore {
  constructor(readonly file: string) {}

  async getSecret(name: string): Promise<string> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      throw new SecretNotFoundError(name, `local secrets file ${this.file}`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`Local secrets file ${this.file} is not valid JSON: correct it, or start over with "npm run reset"`, { cause: error });
    }
    const parsed = secretsFileSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`Local secrets file ${this.file} must be a JSON object of secret name to string value`);
    }
    const value = parsed.data[name];
    if (value === undefined) {
      throw new SecretNotFoundError(name, `local secrets file ${this.file}`);
    }
    return value;
  }
}
