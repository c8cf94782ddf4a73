/**
 * "Import users" for one tenant: a CSV or JSON file uploaded as the raw body of
 * POST /tenants/{id}/imports, then the job (in the URL, `job`) polled until it ends — rows read,
 * valid, failed, applied, and the per-row errors — cancellable while it runs; below, the tenant's
 * recent imports. Which controls show follows the key's operations (a read-only key only reads).
 */
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ConfirmButton, ErrorAlert, StatusBadge } from '../components/common';
import { ScrollTable } from '../components/ScrollTable';
import { api, apiUpload, Tenant } from '../lib/api';
import { formatBytes, formatDateTime } from '../lib/format';
import { importFieldErrors, importMediaType, importRunning, importSummary, TenantImport } from '../lib/imports';
import { ApiError } from '../lib/problem';
import { useSession } from '../session';

export function TenantImportsPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const tenant = useQuery({ queryKey: ['tenant', id], queryFn: () => api<Tenant>(`/tenants/${id}`), retry: false });
  if (!can('listTenantImports') && !can('startTenantImport')) return <Alert color="yellow">Your role may not see this tenant&apos;s data imports.</Alert>;
  if (tenant.error) return <ErrorAlert error={tenant.error} title="The tenant could not be read" />;
  if (!tenant.data) return <Text>Loading…</Text>;
  const t = tenant.data;
  return (
    <Stack>
      <Anchor component={Link} to={`/tenants/${id}`}>
        ← {t.name}
      </Anchor>
      <Title order={1} size="h2">
        Import users into {t.name}
      </Title>
      {can('startTenantImport') && <Upload tenant={t} onStarted={(job) => setParams({ job })} />}
      {jobId && can('getTenantImport') && <ImportProgress tenant={t} id={jobId} />}
      {can('listTenantImports') && <RecentImports tenant={t} selected={jobId} onSelect={(job) => setParams({ job })} />}
    </Stack>
  );
}

function Upload({ tenant, onStarted }: { tenant: Tenant; onStarted: (id: string) => void }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    if (!file) return setErrors({ file: 'Choose a CSV or JSON file.' });
    const contentType = importMediaType(file.name);
    if (!contentType) return setErrors({ file: 'The file must be .csv, .json (an array of objects) or .ndjson.' });
    setBusy(true);
    try {
      const job = await apiUpload<TenantImport>(`/tenants/${tenant.id}/imports`, file, { contentType, query: { dryRun: dryRun ? 'true' : undefined } });
      await client.invalidateQueries({ queryKey: ['tenant-imports', tenant.id] });
      onStarted(job.id);
    } catch (e) {
      const mapped = e instanceof ApiError ? importFieldErrors(e.problem, e.status) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="Upload an import file">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Upload a file
          </Title>
          <Text size="sm">
            A CSV file with a header line naming <code>email</code>, <code>role</code> (admin, member or viewer) and <code>name</code>, or JSON objects with those keys. Every user is invited by e-mail. An import is all or nothing: one invalid row
            and none is written — try a dry run first.
          </Text>
          <FileInput label="CSV or JSON file" placeholder="Choose a file" accept=".csv,.json,.ndjson,text/csv,application/json,application/x-ndjson" value={file} onChange={setFile} error={errors['file']} clearable clearButtonProps={{ 'aria-label': 'Clear the chosen file' }} maw={420} />
          <Checkbox label="Dry run (validate only, write nothing)" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} error={errors['dryRun']} />
          <ErrorAlert error={error} title="The file was not accepted" />
          <Group>
            <Button type="submit" loading={busy}>
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ImportProgress({ tenant, id }: { tenant: Tenant; id: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  // Polled every second while it runs; it stops once the job is over.
  const job = useQuery({
    queryKey: ['tenant-import', tenant.id, id],
    queryFn: () => api<TenantImport>(`/tenants/${tenant.id}/imports/${id}`),
    refetchInterval: (q) => (q.state.data && !importRunning(q.state.data.status) ? false : 1000),
    retry: false,
  });
  const over = job.data !== undefined && !importRunning(job.data.status);
  // The list below shows the job too: refreshed once it is over, rather than at the list's own next poll.
  useEffect(() => {
    if (over) void client.invalidateQueries({ queryKey: ['tenant-imports', tenant.id] });
  }, [over, client, tenant.id]);
  if (job.error) return <ErrorAlert error={job.error} title="The import could not be read" />;
  if (!job.data) return <Text>Loading the import…</Text>;
  const j = job.data;
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['tenant-import', tenant.id, id] }), client.invalidateQueries({ queryKey: ['tenant-imports', tenant.id] })]);
  return (
    <Card withBorder data-testid="import-job">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {j.dryRun ? 'Dry run' : 'Import'} of {j.format.toUpperCase()} <StatusBadge status={j.status} />
          </Title>
          {can('cancelTenantImport') && importRunning(j.status) && (
            <ConfirmButton label="Cancel the import" title={`Cancel the import into ${tenant.name}?`} confirmLabel="Cancel the import" onConfirm={() => api(`/tenants/${tenant.id}/imports/${id}/cancel`, { method: 'POST', body: {} }).then(refresh)}>
              {`The import into ${tenant.name} stops at its next batch of rows. Rows already applied are kept; an import writes its rows all at once, so unless they are being written right now, none is.`}
            </ConfirmButton>
          )}
        </Group>
        <Text size="sm">
          Started {formatDateTime(j.createdAt)} by {j.createdBy}
          {j.finishedAt ? `, ended ${formatDateTime(j.finishedAt)}` : ''}; {formatBytes(String(j.bytes))}. Id {j.id}.
        </Text>
        <Text role="status" data-testid="import-summary">
          {importSummary(j)}
        </Text>
        {j.failure && (
          <Alert color="red" title="The import failed" role="alert">
            {j.failure.message}
          </Alert>
        )}
        {j.errors.length > 0 && (
          <ScrollTable minWidth={480} label="Row errors">
            <Table aria-label="Row errors" striped>
              <Table.Thead>
                <Table.Tr><Table.Th>Row</Table.Th><Table.Th>Field</Table.Th><Table.Th>Error</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {j.errors.map((e) => (
                  <Table.Tr key={`${e.row}-${e.field}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.field}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {j.rowsInvalid > j.errors.length && <Text size="sm">Only the first {j.errors.length} of {j.rowsInvalid} row errors are listed.</Text>}
      </Stack>
    </Card>
  );
}

function RecentImports({ tenant, selected, onSelect }: { tenant: Tenant; selected: string | null; onSelect: (id: string) => void }) {
  const { can } = useSession();
  const imports = useQuery({
    queryKey: ['tenant-imports', tenant.id],
    queryFn: () => api<{ imports: TenantImport[] }>(`/tenants/${tenant.id}/imports`),
    refetchInterval: (q) => (q.state.data?.imports.some((i) => importRunning(i.status)) ? 2000 : false),
    retry: false,
  });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Recent imports
      </Title>
      <ErrorAlert error={imports.error} title="The imports could not be listed" />
      {imports.data?.imports.length === 0 && <Text>No import yet.</Text>}
      {imports.data && imports.data.imports.length > 0 && (
        <ScrollTable minWidth={640} label="Recent imports">
          <Table aria-label="Recent imports" striped>
            <Table.Thead>
              <Table.Tr><Table.Th>Started</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Status</Table.Th><Table.Th>Rows</Table.Th><Table.Th>By</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.imports.map((i) => (
                <Table.Tr key={i.id} aria-current={i.id === selected ? 'true' : undefined}>
                  <Table.Td>
                    {can('getTenantImport') ? (
                      <Button variant="subtle" size="compact-sm" onClick={() => onSelect(i.id)} aria-label={`Show the import of ${formatDateTime(i.createdAt)}`}>
                        {formatDateTime(i.createdAt)}
                      </Button>
                    ) : (
                      formatDateTime(i.createdAt)
                    )}
                  </Table.Td>
                  <Table.Td>
                    {i.dryRun ? 'dry run' : 'import'}, {i.format}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} />
                  </Table.Td>
                  <Table.Td>{importSummary(i)}</Table.Td>
                  <Table.Td>{i.createdBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
