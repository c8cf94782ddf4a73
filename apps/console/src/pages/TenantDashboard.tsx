/** One tenant's dashboard: health score with its components and explanations, alerts, churn risk, usage against limits, users, revenue, recent actions and the onboarding checklist. */
import { Anchor, Badge, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { BarsChart, ScoreBar, ScrollTable } from '../components/charts';
import { ErrorAlert, StatusBadge } from '../components/common';
import { api, Tenant } from '../lib/api';
import { formatDateTime, formatMetric, formatMoney } from '../lib/format';
import { formatGrowth } from '../lib/insights';
import { ApiError } from '../lib/problem';
import { useSession } from '../session';

type Component = 'activity' | 'revenue' | 'compliance' | 'performance' | 'satisfaction';
interface Health {
  overall: number;
  band: 'red' | 'yellow' | 'green';
  components: Partial<Record<Component, { score: number; explanation: string; inputs: Record<string, unknown> }>>;
  withoutData: Component[];
  explanation: string;
  alerts: { component: Component; score: number; message: string }[];
  churnRisk: { reason: string; detail: string; since: string }[];
  computedAt: string;
}
interface Dashboard {
  tenantId: string;
  asOf: string;
  status: { status: string; since: string; name?: string | null; slug?: string | null; planId?: string | null };
  usage: { metrics: { metric: string; used: number; limit?: string | null; mode?: string | null; percent?: number | null }[]; limitAlertsLast30Days: number };
  users: { seats?: number | null; active: number; activePrevious: number; growthPercent?: number | null };
  revenue: {
    mrrMinor?: number | null;
    currency?: string | null;
    paymentStatus: string;
    subscriptionStatus?: string | null;
    dunningStage?: string | null;
    lastInvoices: { invoiceId: string; amountMinor: number; currency: string; dueAt: string; status: string }[];
  };
  activity: { lastActiveDay?: string | null; recentActions: { type: string; at: string; summary: string }[] };
  health: Health;
}
interface Onboarding {
  items: { item: string; status: 'done' | 'pending' | 'unknown' | 'not-applicable'; completedAt?: string | null; source: string; label: string }[];
  progressPercent: number;
  complete: boolean;
  timeToFirstValueSeconds?: number | null;
}
interface HealthHistory {
  history: { at: string; overall: number; band: string }[];
}

const COMPONENTS: Component[] = ['activity', 'revenue', 'compliance', 'performance', 'satisfaction'];
// Filled badge shades with at least 4.5:1 against white text.
const BAND_COLOURS: Record<string, string> = { red: 'red.9', yellow: '#8a4b00', green: 'teal.9' };
const ITEM_COLOURS: Record<string, string> = { done: 'teal.9', pending: '#8a4b00', unknown: 'gray.7', 'not-applicable': 'gray.7' };

export function BandBadge({ band, score }: { band: string; score?: number }) {
  return (
    <Badge color={BAND_COLOURS[band] ?? 'gray.7'} variant="filled" autoContrast={false} data-testid="health-band">
      {score !== undefined ? `${score} · ${band}` : band}
    </Badge>
  );
}

/** Links from the tenant page to its health dashboard and billing page, as the role may read them. */
export function TenantInsightLinks({ id }: { id: string }) {
  const { can } = useSession();
  return (
    <Group gap="md" aria-label="More about this tenant" role="group">
      {can('getTenantDashboard') && (
        <Anchor component={Link} to={`/tenants/${id}/dashboard`}>
          Health dashboard
        </Anchor>
      )}
      {can('getSubscription') && (
        <Anchor component={Link} to={`/tenants/${id}/billing`}>
          Billing and invoices
        </Anchor>
      )}
      {(can('startTenantImport') || can('listTenantImports')) && (
        <Anchor component={Link} to={`/tenants/${id}/imports`}>
          Import users
        </Anchor>
      )}
    </Group>
  );
}

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

export function TenantDashboardPage() {
  const { id = '' } = useParams();
  const { can, caller } = useSession();
  const dashboard = useQuery({ queryKey: ['dashboard', id], queryFn: () => api<Dashboard>(`/tenants/${id}/dashboard`), enabled: can('getTenantDashboard'), retry: false, refetchInterval: 10_000 });
  const onboarding = useQuery({ queryKey: ['onboarding', id], queryFn: () => api<Onboarding>(`/tenants/${id}/onboarding`), enabled: can('getTenantOnboarding'), retry: false });
  const history = useQuery({ queryKey: ['health-history', id], queryFn: () => api<HealthHistory>(`/tenants/${id}/health/history`, { query: { limit: 60 } }), enabled: can('getTenantHealthHistory'), retry: false });
  // The dashboard knows the name once health scoring saw TenantCreated; the registry always does.
  const tenant = useQuery({ queryKey: ['tenant', id], queryFn: () => api<Tenant>(`/tenants/${id}`), enabled: can('getTenant'), retry: false });
  const name = tenant.data?.name ?? dashboard.data?.status.name;
  const notSeen = dashboard.error instanceof ApiError && dashboard.error.status === 404;
  const d = dashboard.data;
  const back = (
    <Group gap="md">
      {caller?.role !== 'tenant-admin' && (
        <Anchor component={Link} to="/tenants">
          ← All tenants
        </Anchor>
      )}
      <Anchor component={Link} to={`/tenants/${id}`}>
        Tenant page
      </Anchor>
      {can('getSubscription') && (
        <Anchor component={Link} to={`/tenants/${id}/billing`}>
          Billing
        </Anchor>
      )}
    </Group>
  );
  if (!can('getTenantDashboard')) return <ErrorAlert error={new Error('Your role may not read tenant dashboards.')} title="Not available" />;
  return (
    <Stack>
      {back}
      <Group justify="space-between" wrap="wrap">
        <Group>
          <Title order={1} size="h2">
            {name ? `${name}: health` : 'Tenant health'}
          </Title>
          {d && <StatusBadge status={d.status.status} />}
        </Group>
        {d && <Text size="sm">As of {formatDateTime(d.asOf)}</Text>}
      </Group>
      {notSeen ? (
        <Text role="status">Health scoring has not seen an event of this tenant yet: its dashboard appears once it has.</Text>
      ) : (
        <ErrorAlert error={dashboard.error} title="The dashboard could not be read" />
      )}
      {!d && !dashboard.error && <Text>Loading…</Text>}
      {d && (
        <>
          <HealthCard health={d.health} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4">
                Alerts
              </Title>
              {d.health.alerts.length === 0 ? (
                <Text>No alerts: every component with data is above 75.</Text>
              ) : (
                <List aria-label="Health alerts" data-testid="health-alerts">
                  {d.health.alerts.map((a) => (
                    <List.Item key={a.component}>
                      <b>{a.component}</b> ({a.score}): {a.message}
                    </List.Item>
                  ))}
                </List>
              )}
              <Title order={3} size="h5" mt="md">
                Churn risk
              </Title>
              {d.health.churnRisk.length === 0 ? (
                <Text>No churn-risk reason is raised.</Text>
              ) : (
                <List aria-label="Churn-risk reasons">
                  {d.health.churnRisk.map((r) => (
                    <List.Item key={r.reason}>
                      <b>{r.reason}</b> since {formatDateTime(r.since)}: {r.detail}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
            <OnboardingCard query={onboarding} />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4">
              Usage against limits
            </Title>
            <Text size="sm">{d.usage.limitAlertsLast30Days} limit alerts in the last 30 days.</Text>
            <ScrollTable label="Usage against limits" minWidth={520}>
              <Table.Thead>
                <Table.Tr><Table.Th>Metric</Table.Th><Table.Th>Used</Table.Th><Table.Th>Limit</Table.Th><Table.Th>Of the limit</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.usage.metrics.map((m) => (
                  <Table.Tr key={m.metric}>
                    <Table.Td>{m.metric}</Table.Td>
                    <Table.Td>{formatMetric(m.metric, m.used)}</Table.Td>
                    <Table.Td>{m.limit ? `${formatMetric(m.metric, m.limit)} (${m.mode ?? 'soft'})` : '—'}</Table.Td>
                    <Table.Td>
                      {m.percent !== null && m.percent !== undefined ? (
                        <Group gap="xs" wrap="nowrap">
                          <Progress value={Math.min(100, m.percent)} color={m.percent >= 100 ? 'red.9' : m.percent >= 80 ? 'orange.9' : 'blue.9'} w={100} aria-label={`${m.metric}: ${m.percent} % of the limit`} />
                          <Text size="sm">{m.percent} %</Text>
                        </Group>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            {d.usage.metrics.length === 0 && <Text>No usage recorded this month.</Text>}
          </Card>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Title order={2} size="h4">
                Users
              </Title>
              <Text>
                {d.users.active} active in the last 30 days{d.users.seats ? ` of ${d.users.seats} seats` : ''}
              </Text>
              <Text size="sm">
                {d.users.activePrevious} the 30 days before ({formatGrowth(d.users.growthPercent)})
              </Text>
              <Text size="sm">Last active day: {d.activity.lastActiveDay ?? '—'}</Text>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">
                Revenue
              </Title>
              <Text>MRR: {d.revenue.mrrMinor !== null && d.revenue.mrrMinor !== undefined && d.revenue.currency ? formatMoney({ amountMinor: d.revenue.mrrMinor, currency: d.revenue.currency }) : '—'}</Text>
              <Text size="sm">
                Payment: <b>{d.revenue.paymentStatus}</b>; subscription {d.revenue.subscriptionStatus ?? '—'}; dunning {d.revenue.dunningStage ?? 'none'}
              </Text>
              {d.revenue.lastInvoices.length > 0 && (
                <List size="sm" aria-label="Last invoices">
                  {d.revenue.lastInvoices.map((i) => (
                    <List.Item key={i.invoiceId}>
                      {formatMoney({ amountMinor: i.amountMinor, currency: i.currency })}, due {formatDateTime(i.dueAt)}: {i.status}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">
                Recent actions
              </Title>
              {d.activity.recentActions.length === 0 ? (
                <Text>None yet.</Text>
              ) : (
                <List size="sm" aria-label="Recent actions">
                  {d.activity.recentActions.map((a, i) => (
                    <List.Item key={`${a.at}-${i}`}>
                      {formatDateTime(a.at)}: {a.summary}
                    </List.Item>
                  ))}
                </List>
              )}
            </Card>
          </SimpleGrid>
          {history.data && history.data.history.length > 0 && (
            <Card withBorder>
              <Title order={2} size="h4">
                Score history
              </Title>
              <BarsChart
                testId="health-history"
                values={[...history.data.history].reverse().map((h) => ({ label: h.at.slice(5, 16).replace('T', ' '), value: h.overall }))}
                format={(v) => `${v} of 100`}
                summary={`Overall score over its last ${history.data.history.length} changes, from ${history.data.history[history.data.history.length - 1]?.overall ?? '—'} to ${history.data.history[0]?.overall ?? '—'}`}
              />
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}

function HealthCard({ health }: { health: Health }) {
  return (
    <Card withBorder data-testid="health-card">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          Health score
        </Title>
        <BandBadge band={health.band} score={health.overall} />
      </Group>
      <Text mb="xs">{health.explanation}</Text>
      <ScrollTable label="Health components" minWidth={560}>
        <Table.Thead>
          <Table.Tr><Table.Th>Component</Table.Th><Table.Th w={200}>Score</Table.Th><Table.Th>Why</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {COMPONENTS.map((c) => {
            const component = health.components[c];
            if (!component) return null;
            return (
              <Table.Tr key={c} data-testid={`component-${c}`}>
                <Table.Td>{c}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <ScoreBar score={component.score} label={c} />
                    <Text size="sm" fw={700}>
                      {component.score}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{component.explanation}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      {health.withoutData.length > 0 && <Text size="sm">No data yet (left out of the score): {health.withoutData.join(', ')}.</Text>}
      <Text size="xs">Computed {formatDateTime(health.computedAt)}</Text>
    </Card>
  );
}

function OnboardingCard({ query }: { query: { data?: Onboarding; error: unknown } }) {
  const o = query.data;
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Onboarding
      </Title>
      {query.error instanceof ApiError && query.error.status === 404 ? <Text>Not started yet.</Text> : <ErrorAlert error={query.error} title="The onboarding checklist could not be read" />}
      {o && (
        <Stack gap="xs">
          <Progress value={o.progressPercent} aria-label={`Onboarding ${o.progressPercent} % done`} color="teal.9" />
          <Text size="sm">
            {o.complete ? 'Complete.' : `${o.progressPercent} % done.`}
            {o.timeToFirstValueSeconds !== null && o.timeToFirstValueSeconds !== undefined ? ` First value after ${duration(o.timeToFirstValueSeconds)}.` : ''}
          </Text>
          <List aria-label="Onboarding checklist" data-testid="onboarding" spacing={4}>
            {o.items.map((item) => (
              <List.Item key={item.item}>
                <Group gap="xs" wrap="wrap">
                  <Badge color={ITEM_COLOURS[item.status]} variant="filled" autoContrast={false}>
                    {item.status}
                  </Badge>
                  <Text size="sm">
                    {item.label}
                    {item.completedAt ? ` (${formatDateTime(item.completedAt)})` : ''}
                    {item.status === 'unknown' ? ` — no event tells this yet (${item.source})` : ''}
                    {item.status === 'not-applicable' ? ' — does not apply to this tenant (on a platform subdomain)' : ''}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Card>
  );
}
