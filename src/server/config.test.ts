import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/helpers/test-app.ts';
import { ConfigError, loadConfig } from './config.ts';

const demoTenant = JSON.parse(readFileSync(path.join(repoRoot, 'config/tenant.demo.json'), 'utf8'));

function tenantFile(mutate: (t: typeof demoTenant) => void): string {
  const t = structuredClone(demoTenant);
  mutate(t);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'lantern-cfg-')), 'tenant.json');
  writeFileSync(file, JSON.stringify(t));
  return file;
}

describe('config', () => {
  it('loads the demo tenant with the FAQ values and SQLite under the data directory by default', () => {
    const c = loadConfig({}, repoRoot);
    expect(c.database).toEqual({
      engine: 'sqlite',
      file: path.join(repoRoot, 'data/lantern.sqlite'),
      waits: { connectMs: 3000, statementMs: 5000 }, // every database wait bounded by default
    });
    expect(c.http.requestDeadlineMs).toBe(15_000);
    expect(c.tenant.rules.activationCodeValidDays).toBe(45);
    expect(c.tenant.rules.cancelNoticeHours).toBe(2);
    expect(c.tenant.rules.proxyMinorAgeLimit).toBe(18);
    expect(c.tenant.billing.cutoverDate).toBe('2024-04-01');
    expect(c.tenant.businessHours).toMatchObject({ open: '07:00', close: '17:00' });
    expect(c.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
  });

  it('gives the demo organisation only fictional contacts: 555-01xx phone numbers and example.org addresses', () => {
    const { contacts } = loadConfig({}, repoRoot).tenant;
    const channels = [contacts.portalSupport, contacts.proxyRequests, contacts.healthInformationManagement];
    for (const { phone, email } of channels) {
      // 555-0100 to 555-0199 are the North American numbers reserved for fiction.
      expect(phone.replace(/\D/g, '')).toMatch(/^\d{3}55501\d\d$/);
      expect(email).toMatch(/@example\.org$/);
    }
  });

  it('selects PostgreSQL from DATABASE_URL and puts data where LANTERN_DATA_DIR says', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d', LANTERN_DATA_DIR: '/var/lib/lantern' }, repoRoot);
    expect(c.database).toMatchObject({ engine: 'postgres', url: 'postgres://u@h:5432/d' });
    expect(c.dataDir).toBe('/var/lib/lantern');
  });

  it('refuses a bad environment variable, naming it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, repoRoot)).toThrow(
      /DATABASE_URL: DATABASE_URL must start with postgres/,
    );
    expect(() => loadConfig({ PORT: 'eighty' }, repoRoot)).toThrow(ConfigError);
  });

  it('refuses a tenant file with a missing or wrong field, naming its path', () => {
    const missing = tenantFile((t) => delete t.organisation.name);
    expect(() => loadConfig({ LANTERN_TENANT_FILE: missing }, repoRoot)).toThrow(/organisation\.name/);
    const zone = tenantFile((t) => (t.organisation.timeZone = 'Mars/Olympus'));
    expect(() => loadConfig({ LANTERN_TENANT_FILE: zone }, repoRoot)).toThrow(
      /organisation\.timeZone: unknown IANA time zone/,
    );
    const hours = tenantFile((t) => (t.businessHours.close = '06:00'));
    expect(() => loadConfig({ LANTERN_TENANT_FILE: hours }, repoRoot)).toThrow(
      /businessHours\.close: open must be before close/,
    );
    const holiday = tenantFile((t) => t.holidays.push('25/12/2026'));
    expect(() => loadConfig({ LANTERN_TENANT_FILE: holiday }, repoRoot)).toThrow(/holidays\.\d+: expected a date/);
  });

  it('says which tenant file it cannot read', () => {
    expect(() => loadConfig({ LANTERN_TENANT_FILE: '/nonexistent/t.json' }, repoRoot)).toThrow(
      /Cannot read tenant file \/nonexistent\/t\.json/,
    );
  });

  it('knows a production deployment and the demo tenant, so the demo is never seeded in production', () => {
    expect(loadConfig({}, repoRoot).deployment).toMatchObject({
      production: false,
      demoTenant: true,
      trustProxy: false,
    });
    expect(loadConfig({ NODE_ENV: 'production' }, repoRoot).deployment.production).toBe(true);
    // Only tests configure a cheaper password hash; every started server uses OWASP's argon2id parameters.
    expect(loadConfig({}, repoRoot).security.passwordHashCost).toEqual({ memoryCost: 19_456, timeCost: 2 });
    expect(loadConfig({ PUBLIC_URL: 'https://portal.example.org' }, repoRoot).deployment.production).toBe(true);
    expect(loadConfig({ LANTERN_TENANT_FILE: tenantFile(() => undefined) }, repoRoot).deployment.demoTenant).toBe(
      false,
    );
  });

  it('reads TRUST_PROXY as off, on, a hop count or a list of addresses, and names a bad entry', () => {
    const trust = (v: string) => loadConfig({ TRUST_PROXY: v }, repoRoot).deployment.trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.4,::1')).toEqual(['10.0.0.0/8', '192.168.1.4', '::1']);
    expect(() => trust('10.0.0.1, my-proxy')).toThrow(/TRUST_PROXY: "my-proxy"/);
  });
});
