/** Administration: the audit log, filtered by tenant (in the URL), paged by cursor. */
import { Alert, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../components/common';
import { api, AuditEntry, Page } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useSession } from '../session';

export function AuditLog() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const tenantId = params.get('tenantId') ?? '';
  const cursor = params.get('cursor') ?? '';
  const [tenantInput, setTenantInput] = useState(tenantId);
  const audit = useQuery({ queryKey: ['audit', tenantId, cursor], queryFn: () => api<Page<AuditEntry>>('/audit', { query: { tenantId, cursor, limit: 50 } }), enabled: can('listAuditEntries') });
  if (!can('listAuditEntries')) return <Alert color="yellow">Your role may not read the audit log.</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        Audit log
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setParams(tenantInput.trim() ? { tenantId: tenantInput.trim() } : {});
        }}
      >
        <Group align="flex-end">
          <TextInput label="Tenant id" value={tenantInput} onChange={(e) => setTenantInput(e.currentTarget.value)} />
          <Button type="submit" variant="default">
            Filter
          </Button>
        </Group>
      </form>
      <ErrorAlert error={audit.error} title="The audit log could not be read" />
      <Table striped aria-label="Audit entries">
        <Table.Thead>
          <Table.Tr><Table.Th>When</Table.Th><Table.Th>Role</Table.Th><Table.Th>Key</Table.Th><Table.Th>Call</Table.Th><Table.Th>Status</Table.Th><Table.Th>Tenant</Table.Th><Table.Th>Request id</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {audit.data?.items.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.role ?? '—'}</Table.Td>
              <Table.Td>{entry.apiKeyId ?? '—'}</Table.Td>
              <Table.Td>{`${entry.method} ${entry.route}`}</Table.Td>
              <Table.Td>{entry.status}</Table.Td>
              <Table.Td>{entry.tenantId ?? '—'}</Table.Td>
              <Table.Td>{entry.requestId}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        {cursor && <Button variant="default" onClick={() => setParams(tenantId ? { tenantId } : {})}>First page</Button>}
        <Button variant="default" disabled={!audit.data?.nextCursor} onClick={() => setParams({ ...(tenantId ? { tenantId } : {}), cursor: audit.data?.nextCursor ?? '' })}>
          Next page
        </Button>
      </Group>
    </Stack>
  );
}
