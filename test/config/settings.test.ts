import { appSettingNames, parseSettings, SettingsError } from '../../src/config/settings';

const valid = {
  LicensePortalDatabase: 'Server=tcp:sql.example.net,1433;Database=GHALicensePortal;Authentication=Active Directory Managed Identity',
  Secrets__KeyVaultUrl: 'https://vault.example.net/',
  Email__Endpoint: 'https://mail.example.communication.azure.com',
  Email__Sender: 'DoNotReply@mail.example.com',
  PortalPublicUrl: 'https://portal.example.com/resend',
  Auth__Issuer: 'https://login.example.com/',
  Auth__Audience: 'epicor-sync-guard',
  Auth__JwksUrl: 'https://login.example.com/keys',
};

function problemsOf(environment: Record<string, string>): string[] {
  try {
    parseSettings(environment);
  } catch (error) {
    if (error instanceof SettingsError) {
      return [...error.problems];
    }
    throw error;
  }
  return [];
}

describe('parseSettings', () => {
  it('applies defaults to a minimal production set', () => {
    const settings = parseSettings(valid);

    expect(settings.CheckSchedule).toBe('0 */5 * * * *');
    expect(settings.CheckTimeoutSeconds).toBe(15);
    expect(settings.FailuresBeforeAlert).toBe(1);
    expect(settings.Secrets__Source).toBe('keyvault');
    expect(settings.Epicor__AllowLoopback).toBe(false);
    expect(settings.DefaultTimeZone).toBe('Europe/London');
  });

  it('names every missing setting', () => {
    const problems = problemsOf({});

    for (const name of ['LicensePortalDatabase', 'PortalPublicUrl', 'Auth__Issuer', 'Auth__Audience']) {
      expect(problems.find((problem) => problem.startsWith(`${name} is missing: set it to `))).toBeDefined();
    }
    expect(problems.join('\n')).toContain('Server=tcp:<server>,1433');
  });

  it.each([
    ['CheckSchedule', 'every five minutes', 'six-field NCRONTAB'],
    ['CheckTimeoutSeconds', '0', 'CheckTimeoutSeconds is invalid: it must be a whole number of seconds from 1 to 120'],
    ['CheckTimeoutSeconds', 'abc', 'CheckTimeoutSeconds is invalid: it must be a whole number of seconds from 1 to 120'],
    ['FailuresBeforeAlert', 'two', 'FailuresBeforeAlert is invalid'],
    ['LicensePortalDatabase', 'postgres://db', 'SQL Server connection string'],
    ['Secrets__KeyVaultUrl', 'http://vault.example.net/', 'Secrets__KeyVaultUrl is invalid'],
    ['Epicor__AllowLoopback', 'yes', 'Epicor__AllowLoopback is invalid'],
    ['DefaultTimeZone', 'Mars/Olympus', 'IANA time zone'],
  ])('rejects invalid %s', (name, value, expected) => {
    const problems = problemsOf({ ...valid, [name]: value });

    expect(problems.join('\n')).toContain(expected);
    expect(problems.join('\n')).toContain(name);
  });

  it('requires the vault URL only for Key Vault secrets', () => {
    const withoutVault = { ...valid, Secrets__KeyVaultUrl: '' };

    expect(problemsOf(withoutVault).join('\n')).toContain('Secrets__KeyVaultUrl is required');
    expect(problemsOf({ ...withoutVault, Secrets__Source: 'local', Secrets__LocalFile: 'secrets.json' })).toEqual([]);
  });

  it('never echoes a setting value', () => {
    const secretLooking = 'Server=tcp:x;Password=hunter2-secret';

    const problems = problemsOf({ ...valid, CheckTimeoutSeconds: secretLooking });

    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('lists the setting names it reads', () => {
    expect(appSettingNames).toEqual(expect.arrayContaining(['CheckSchedule', 'LicensePortalDatabase', 'Auth__JwksUrl']));
  });
});
