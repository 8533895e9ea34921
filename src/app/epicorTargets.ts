import type { Settings } from '../config/settings';
import type { EpicorConnectionRecord } from '../data/epicorConnections';
import type { EpicorCallOptions, EpicorConnectionTarget } from '../epicor/epicorTarget';
import type { SecretStore } from '../secrets/secretStore';

/** An Epicor connection with its credentials read from secrets, ready to call. */
export type ResolvedEpicorConnection = EpicorConnectionTarget;

/** Options for every call to Epicor, derived from settings. */
export type EpicorCallSettings = Omit<EpicorCallOptions, 'now'>;

/**
 * Resolves a connection's credentials: a secret name, when set, wins over a
 * value stored in the row. Throws `SecretNotFoundError` when a named secret
 * is missing, which callers report as a fault of the service, not an outage.
 */
export async function resolveEpicorConnection(
  record: EpicorConnectionRecord,
  secrets: SecretStore,
): Promise<ResolvedEpicorConnection> {
  const password = record.passwordSecretName ? await secrets.getSecret(record.passwordSecretName) : record.password;
  const apiKey = record.apiKeySecretName ? await secrets.getSecret(record.apiKeySecretName) : record.apiKey;
  return {
    baseUrl: record.baseUrl,
    company: record.company,
    userName: record.userName,
    password,
    apiKey,
    testPath: record.testPath,
    trustedCaCertificate: record.trustedCaCertificate,
  };
}

/** Returns the call options that every Epicor request uses. */
export function epicorCallSettings(settings: Settings): EpicorCallSettings {
  return {
    timeoutMs: settings.CheckTimeoutSeconds * 1000,
    maxResponseBytes: settings.Epicor__MaxResponseBytes,
    addressPolicy: {
      allowLoopback: settings.Epicor__AllowLoopback,
      allowPrivate: settings.Epicor__AllowPrivateNetworks,
    },
  };
}
