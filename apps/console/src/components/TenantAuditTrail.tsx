/** A tenant's audit trail on its page: who did what, when, with which outcome; paged by cursor. */
import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, AuditEntry, Page } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { auditOutcome } from '../lib/operations';
import { ErrorAlert } from './common';
import { ScrollTable } from './ScrollTable';

type TenantAuditEntry = AuditEntry & { act?: { impersonationId: string; actorKeyId: string | null; actorRole: string | null } | null };

/** Who acted: the role and key, and the real actor of an impersonated call. */
function actor(entry: TenantAuditEntry): string {
  const who = `${entry.role ?? 'anonymous'}${entry.apiKeyId ? ` · key ${entry.apiKeyId.slice(0, 8)}` : ''}`;
  return entry.act ? `${who} (impersonated by ${entry.act.actorRole ?? 'unknown'})` : who;
}

export function TenantAuditTrail({ id }: { id: string }) {
  // Cursors of the pages seen so far: "Previous" goes back without the API needing a backward cursor.
  const [cursors, setCursors] = useState<string[]>(['']);
  const cursor = cursors[cursors.length - 1] ?? '';
  const audit = useQuery({ queryKey: ['tenant-audit', id, cursor], queryFn: () => api<Page<TenantAuditEntry>>(`/tenants/${id}/audit`, { query: { cursor, limit: 20 } }) });
  const next = audit.data?.nextCursor;
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Audit trail
      </Title>
      <ErrorAlert error={audit.error} title="The audit trail could not be read" />
      {audit.data && audit.data.items.length === 0 && <Text>No audited call for this tenant yet.</Text>}
      <ScrollTable minWidth={640} label="Tenant audit trail">
        <Table aria-label="Tenant audit trail">
          <Table.Thead>
            <Table.Tr><Table.Th>When</Table.Th><Table.Th>Who</Table.Th><Table.Th>What</Table.Th><Table.Th>Outcome</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {audit.data?.items.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                <Table.Td>{actor(entry)}</Table.Td>
                <Table.Td>{`${entry.method} ${entry.route}`}</Table.Td>
                <Table.Td>{auditOutcome(entry.status)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Group mt="xs">
        <Button variant="default" size="xs" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous audit page
        </Button>
        <Button variant="default" size="xs" disabled={!next} onClick={() => next && setCursors([...cursors, next])}>
          Next audit page
        </Button>
      </Group>
    </Card>
  );
}
