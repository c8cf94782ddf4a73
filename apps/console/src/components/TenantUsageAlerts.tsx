/** The usage alerts a tenant received (limit thresholds, exceeded limits, unusual usage), newest first. */
import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../lib/api';
import { formatDateTime, formatMetric } from '../lib/format';
import { alertThreshold, UsageAlert } from '../lib/operations';
import { ErrorAlert } from './common';
import { ScrollTable } from './ScrollTable';

const PAGE = 20;

export function TenantUsageAlerts({ id }: { id: string }) {
  // The API pages by size: "show more" asks for a larger page of the newest alerts.
  const [limit, setLimit] = useState(PAGE);
  const alerts = useQuery({ queryKey: ['usage-alerts', id, limit], queryFn: () => api<{ alerts: UsageAlert[] }>(`/tenants/${id}/usage/alerts`, { query: { limit } }), refetchInterval: 10_000 });
  const list = alerts.data?.alerts ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Alerts received
      </Title>
      <ErrorAlert error={alerts.error} title="The alerts could not be read" />
      {alerts.data && list.length === 0 && <Text>No usage alert yet.</Text>}
      {list.length > 0 && (
        <ScrollTable minWidth={640} label="Usage alerts">
          <Table aria-label="Usage alerts">
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>Metric</Table.Th><Table.Th>Threshold</Table.Th><Table.Th>Level</Table.Th><Table.Th>Usage / limit</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.alertId}>
                  <Table.Td>{formatDateTime(a.raisedAt)}</Table.Td>
                  <Table.Td>{a.metric}</Table.Td>
                  <Table.Td>{alertThreshold(a)}</Table.Td>
                  <Table.Td>{a.level ? <Badge color={a.level === 'hard' ? 'red.9' : 'gray.7'} autoContrast={false}>{a.level}</Badge> : '—'}</Table.Td>
                  <Table.Td>{a.limit === null ? formatMetric(a.metric, a.usage) : `${formatMetric(a.metric, a.usage)} of ${formatMetric(a.metric, a.limit)}`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {list.length >= limit && limit < 200 && (
        <Group mt="xs">
          <Button variant="default" size="xs" onClick={() => setLimit(Math.min(200, limit + PAGE))}>
            Show more alerts
          </Button>
        </Group>
      )}
    </Card>
  );
}
