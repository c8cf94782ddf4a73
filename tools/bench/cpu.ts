/** CPU time of the processes a benchmark runs, read from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';
import { broker } from '@tenantry/testing';

/** One process's own CPU time, user + system. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

/** The CPU time of every process whose /proc stat matches, children reaped by them included. */
function matchingCpuSeconds(matches: (stat: string) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!matches(stat)) continue;
      const fields = stat.split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

/**
 * CPU of the whole PostgreSQL server (it serves other databases too, but nothing else runs during
 * the benchmark): every `postgres` process's own time plus its reaped children's, so a backend that
 * exits mid-run is still counted (in the postmaster's children time).
 */
export function postgresCpuSeconds(): number {
  return matchingCpuSeconds((stat) => stat.includes('(postgres)'));
}

/** The local Kafka broker's process (`npm run kafka:start` and the benches start it), if it runs. */
export function brokerPid(): number | undefined {
  return broker.readPid(broker.DEFAULT_DATA_DIR);
}

/** Each PostgreSQL client backend's own CPU time and whom it serves (its application_name, else its database). */
export type BackendCpu = Map<number, { client: string; seconds: number }>;

export async function postgresBackendsCpu(query: (sql: string) => Promise<{ pid: number; client: string }[]>): Promise<BackendCpu> {
  const backends: BackendCpu = new Map();
  const rows = await query(
    `SELECT pid, COALESCE(NULLIF(application_name, ''), 'db ' || COALESCE(datname, '?')) AS client FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
  );
  for (const { pid, client } of rows) {
    try {
      backends.set(pid, { client, seconds: cpuSeconds(pid) });
    } catch {
      // exited meanwhile
    }
  }
  return backends;
}

/**
 * PostgreSQL's CPU between two snapshots, by the client each backend served (a backend that ended
 * in between is not in the second snapshot: its share is in the server's total, not here).
 */
export function postgresCpuByClient(before: BackendCpu, after: BackendCpu): Map<string, number> {
  const byClient = new Map<string, number>();
  for (const [pid, { client, seconds }] of after) {
    const spent = seconds - (before.get(pid)?.seconds ?? 0);
    byClient.set(client, (byClient.get(client) ?? 0) + spent);
  }
  return byClient;
}
