import { z } from 'zod';
import { parseNcrontab } from '../shared/ncrontab';
import { isKnownTimeZone } from '../shared/timeZones';

/**
 * App settings of the function app, read once from the environment (Azure app
 * settings, or `local.settings.json` under the local host) and validated at
 * start-up. This is the only module that reads `process.env`.
 */

const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'True', 'False'])
  .transform((value) => value === 'true' || value === '1' || value === 'True');

const positiveInteger = (max: number) => z.coerce.number().int().min(1).max(max);

const httpsOrLoopbackUrl = z.url({ protocol: /^https?$/ });

const settingsSchema = z
  .object({
    CheckSchedule: z
      .string()
      .default('0 */5 * * * *')
      .refine((value) => tryParseSchedule(value), {
        message: 'must be a six-field NCRONTAB expression such as "0 */5 * * * *" (every 5 minutes)',
      }),
    CheckTimeoutSeconds: positiveInteger(120).default(15),
    FailuresBeforeAlert: positiveInteger(100).default(1),
    FanOutConcurrency: positiveInteger(256).default(16),
    LicensePortalDatabase: z
      .string()
      .min(1)
      .refine((value) => value.startsWith('sqlite:') || /(^|;)\s*(server|data source)\s*=/i.test(value), {
        message: 'must be a SQL Server connection string ("Server=tcp:...;Database=...") or "sqlite:<file>"',
      }),
    Secrets__Source: z.enum(['keyvault', 'local']).default('keyvault'),
    Secrets__KeyVaultUrl: z.url({ protocol: /^https$/ }).optional(),
    Secrets__LocalFile: z.string().min(1).optional(),
    Secrets__CacheSeconds: positiveInteger(86_400).default(300),
    Email__Mode: z.enum(['acs', 'outbox']).default('acs'),
    Email__Endpoint: z.url({ protocol: /^https$/ }).optional(),
    Email__Sender: z.email().optional(),
    Email__SupportAddress: z.email().optional(),
    Email__OutboxDir: z.string().min(1).optional(),
    Email__TimeoutSeconds: positiveInteger(600).default(30),
    PortalPublicUrl: httpsOrLoopbackUrl,
    Auth__Issuer: z.string().min(1),
    Auth__Audience: z.string().min(1),
    Auth__JwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    Auth__JwksFile: z.string().min(1).optional(),
    Epicor__AllowLoopback: booleanSetting.default(false),
    Epicor__AllowPrivateNetworks: booleanSetting.default(false),
    Epicor__MaxResponseBytes: positiveInteger(10 * 1024 * 1024).default(65_536),
    DefaultTimeZone: z
      .string()
      .default('Europe/London')
      .refine((zone) => isKnownTimeZone(zone), { message: 'must be an IANA time zone such as "Europe/London"' }),
  })
  .superRefine((settings, context) => {
    if (settings.Secrets__Source === 'keyvault' && !settings.Secrets__KeyVaultUrl) {
      context.addIssue({
        code: 'custom',
        path: ['Secrets__KeyVaultUrl'],
        message: 'is required when Secrets__Source is "keyvault": the vault URL, such as https://<vault>.vault.azure.net/',
      });
    }
    if (settings.Secrets__Source === 'local' && !settings.Secrets__LocalFile) {
      context.addIssue({
        code: 'custom',
        path: ['Secrets__LocalFile'],
        message: 'is required when Secrets__Source is "local": a JSON file of secret name to value',
      });
    }
    if (settings.Email__Mode === 'acs') {
      for (const name of ['Email__Endpoint', 'Email__Sender'] as const) {
        if (!settings[name]) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when Email__Mode is "acs" (Azure Communication Services)',
          });
        }
      }
    }
    if (settings.Email__Mode === 'outbox' && !settings.Email__OutboxDir) {
      context.addIssue({
        code: 'custom',
        path: ['Email__OutboxDir'],
        message: 'is required when Email__Mode is "outbox": the folder that receives each email',
      });
    }
    if (!settings.Auth__JwksUrl && !settings.Auth__JwksFile) {
      context.addIssue({
        code: 'custom',
        path: ['Auth__JwksUrl'],
        message: 'is required: the issuer\'s JWKS URL (or Auth__JwksFile, a local JWKS file, for the local host)',
      });
    }
  });

/** Expected content of each setting, quoted in messages about a missing or invalid value. */
const settingDescriptions: Record<string, string> = {
  CheckSchedule: 'a six-field NCRONTAB expression such as "0 */5 * * * *" (every 5 minutes)',
  CheckTimeoutSeconds: 'a whole number of seconds from 1 to 120, such as 15',
  FailuresBeforeAlert: 'a whole number of failed checks from 1 to 100, such as 1',
  FanOutConcurrency: 'a whole number from 1 to 256, such as 16',
  LicensePortalDatabase: 'the License Portal database: "Server=tcp:<server>,1433;Database=<name>;Authentication=Active Directory Managed Identity", or "sqlite:<file>" locally',
  Secrets__Source: '"keyvault" or "local"',
  Secrets__KeyVaultUrl: 'the vault URL, such as https://<vault>.vault.azure.net/',
  Secrets__LocalFile: 'the path of a JSON file of secret name to value',
  Secrets__CacheSeconds: 'a whole number of seconds from 1 to 86400, such as 300',
  Email__Mode: '"acs" (Azure Communication Services) or "outbox" (a local folder)',
  Email__Endpoint: 'the Communication Services endpoint, such as https://<name>.communication.azure.com',
  Email__Sender: 'a sender email address on the verified domain, such as DoNotReply@<domain>',
  Email__SupportAddress: 'the vendor support email address',
  Email__OutboxDir: 'the folder that receives each email',
  Email__TimeoutSeconds: 'a whole number of seconds from 1 to 600, such as 30',
  PortalPublicUrl: 'the public http(s) URL of the resend screen, such as https://portal.example.com/resend',
  Auth__Issuer: 'the issuer ("iss") of the bearer tokens, such as https://login.example.com/',
  Auth__Audience: 'the audience ("aud") that bearer tokens carry, such as epicor-sync-guard',
  Auth__JwksUrl: "the issuer's JWKS URL",
  Auth__JwksFile: 'the path of a local JWKS file',
  Epicor__AllowLoopback: '"true" or "false"',
  Epicor__AllowPrivateNetworks: '"true" or "false"',
  Epicor__MaxResponseBytes: 'a whole number of bytes from 1 to 10485760, such as 65536',
  DefaultTimeZone: 'an IANA time zone such as "Europe/London"',
};

/** Validated settings, with defaults applied. */
export type Settings = z.output<typeof settingsSchema>;

/** Names of every app setting the code reads, for documentation and infrastructure tests. */
export const appSettingNames = Object.keys(settingsSchema.shape) as (keyof Settings)[];

/** Raised when settings are missing or invalid; the message lists each one by name. */
export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid app settings:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

function tryParseSchedule(value: string): boolean {
  try {
    parseNcrontab(value);
    return true;
  } catch {
    // The refinement reports the invalid value with the expected form.
    return false;
  }
}

/**
 * Validates the given environment and returns typed settings, or throws a
 * {@link SettingsError} naming every missing or invalid setting.
 */
export function parseSettings(environment: Record<string, string | undefined>): Settings {
  const relevant: Record<string, string> = {};
  for (const name of appSettingNames) {
    const value = environment[name];
    if (value !== undefined && value.trim() !== '') {
      relevant[name] = value.trim();
    }
  }

  const result = settingsSchema.safeParse(relevant);
  if (result.success) {
    return result.data;
  }

  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'settings';
    const expected = settingDescriptions[name as keyof Settings] ?? 'see the README for its form';
    if (issue.code === 'invalid_type' && relevant[name] === undefined) {
      return `${name} is missing: set it to ${expected}`;
    }
    if (issue.code === 'custom') {
      // Cross-setting and format rules carry their own explanation.
      return `${name} ${issue.message}`;
    }
    return `${name} is invalid: it must be ${expected}`;
  });
  throw new SettingsError(problems);
}

let cached: Settings | undefined;

/** Returns the process's settings, validating them on the first call. */
export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** Reads one raw environment variable, for command-line tools and test switches that are not app settings. */
export function readEnvironmentValue(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Copies local settings (`local.settings.json` Values) into the environment
 * where a variable is not already set, as the Functions Core Tools do. The
 * next {@link getSettings} call validates them afresh.
 */
export function applyLocalSettings(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    process.env[name] ??= value;
  }
  cached = undefined;
}
