/** Usage across tenants: total, percentiles and the top consumers of a metric in a window. */
import { Alert, Anchor, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../components/common';
import { api } from '../lib/api';
import { formatMetric } from '../lib/format';
import { useSession } from '../session';

interface Summary {
  metric: string;
  period: string;
  windowStart: string;
  tenants: number;
  total: string;
  percentiles: { p50: string | null; p90: string | null; p95: string | null; p99: string | null; max: string | null };
  top: { tenantId: string; value: string }[];
}

const METRICS = ['api_calls', 'bandwidth_bytes', 'storage_bytes', 'active_users', 'database_bytes', 'concurrent_connections'];

export function UsageSummaryPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const metric = params.get('metric') ?? 'api_calls';
  const period = params.get('period') ?? 'month';
  const summary = useQuery({ queryKey: ['usage-summary', metric, period], queryFn: () => api<Summary>('/usage/summary', { query: { metric, period, top: 10 } }), enabled: can('getUsageSummary') });
  if (!can('getUsageSummary')) return <Alert color="yellow">Your role may not read the cross-tenant summary.</Alert>;
  const s = summary.data;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Usage
        </Title>
        <Group>
          <Select aria-label="Metric" data={METRICS} value={metric} allowDeselect={false} onChange={(v) => v && setParams({ metric: v, period })} />
          <SegmentedControl aria-label="Period" data={['hour', 'day', 'month']} value={period} onChange={(v) => setParams({ metric, period: v })} />
        </Group>
      </Group>
      <ErrorAlert error={summary.error} />
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[
              ['Tenants with usage', String(s.tenants)],
              ['Total', formatMetric(metric, s.total)],
              ['Median (p50)', formatMetric(metric, s.percentiles.p50)],
              ['p95', formatMetric(metric, s.percentiles.p95)],
            ].map(([label, value]) => (
              <Card withBorder key={label}>
                <Text size="sm">{label}</Text>
                <Text fw={700} size="xl">
                  {value}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Title order={2} size="h4">
            Top tenants
          </Title>
          <Table aria-label="Top tenants">
            <Table.Thead>
              <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>{metric}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.top.map((t) => (
                <Table.Tr key={t.tenantId}>
                  <Table.Td><Anchor component={Link} to={`/tenants/${t.tenantId}?metric=${metric}`}>{t.tenantId}</Anchor></Table.Td>
                  <Table.Td>{formatMetric(metric, t.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
