import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks drive the real, signed-in API: the app they start gets a known first-administrator
 * password and write limits out of the way, and they act as one account with every write role.
 */
export const BENCH_ADMIN_PASSWORD = 'bench-administrator-password';

export const BENCH_APP_ENV = {
  BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  WRITES_PER_MINUTE: '1000000000',
  LOGINS_PER_MINUTE: '1000',
};

async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`cannot sign in as ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** `Authorization` header of the benchmark's account (made on first use). */
export async function benchAuthorization(baseUrl: string): Promise<{ authorization: string }> {
  const admin = await login(baseUrl, 'admin', BENCH_ADMIN_PASSWORD);
  const created = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ username: 'bench', password: BENCH_ADMIN_PASSWORD, roles: ['reviewer', 'admin'] }),
  });
  if (!created.ok && created.status !== 422) throw new Error(`cannot create the bench account: ${created.status} ${await created.text()}`);
  await registerReferenceActors(baseUrl, admin);
  return { authorization: `Bearer ${await login(baseUrl, 'bench', BENCH_ADMIN_PASSWORD)}` };
}

/** An incident may name only registered actors: the benchmarks' incidents name those of the reference data. */
async function registerReferenceActors(baseUrl: string, admin: string) {
  const file = fileURLToPath(new URL('../data/actors.json', import.meta.url));
  const { actors } = JSON.parse(readFileSync(file, 'utf8')) as { actors: object[] };
  for (const actor of actors) {
    const response = await fetch(`${baseUrl}/api/actors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(actor),
    });
    // Already registered (a store with the demo set, or reused) is fine.
    if (response.status >= 500) throw new Error(`cannot register the reference actors: ${response.status} ${await response.text()}`);
  }
}
