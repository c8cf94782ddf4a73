/** Cross-tenant analytics: usage, business, comparative (from, to and plan in the URL) and the churn-risk list with its retention check-ins. */
import { Anchor, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, Navigate, NavLink as RouterLink, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { BarsChart, DistributionStrip, ScrollTable } from '../components/charts';
import { ErrorAlert, StatusBadge } from '../components/common';
import { api } from '../lib/api';
import { formatBytes, formatDateTime, formatMoney, formatQuantity } from '../lib/format';
import { analyticsRange, Distribution, fillDays, formatGrowth, formatPercentile, formatShare, percentileBand } from '../lib/insights';
import { Plan } from '../lib/plans';
import { ApiError } from '../lib/problem';
import { useSession } from '../session';

interface Range {
  from: string;
  to: string;
  plan?: string | null;
}
interface UsageAnalytics {
  range: Range;
  totalApiCalls: number;
  errorRate?: number | null;
  days: { day: string; apiCalls: number; bandwidthBytes: number; activeUsers: number; errorRate?: number | null }[];
  hourOfDay: { hour: number; apiCalls: number; share: number }[];
  tenantsCounted: number;
  featureUtilisation: { feature: string; tenants: number; share: number }[];
  activeUsers: { averageDaily: number; previousAverageDaily: number; growthPercent?: number | null };
}
interface BusinessAnalytics {
  range: Range;
  /** MRR invoiced per month and currency (the service answers this shape; the OpenAPI document shows the revenue report's). */
  revenue: { month: string; currency: string; mrrMinor: number; payingTenants: number }[];
  tenantGrowth: { month: string; created: number; activated: number; churned: number; activeAtStart: number; churnRate?: number | null }[];
  monthlyChurnRate?: number | null;
  ltv: { currency: string; averageMrrMinor: number; ltvMinor?: number | null }[];
  ltvMethod: string;
  tenantsCounted: number;
  featureAdoption: { feature: string; tenants: number; share: number; adoptedInRange: number }[];
}
type Measure = 'usage' | 'health' | 'growth';
interface Comparative {
  range: Range;
  method: string;
  plans: ({ plan: string; tenants: number } & Record<Measure, Distribution>)[];
  riskIndicators: { tenantId: string; plan: string; measures: Measure[]; lowestPercentile: number }[];
  total: number;
  tenants: { tenantId: string; plan: string; usage: number; health?: number | null; growth?: number | null; usagePercentile?: number | null; healthPercentile?: number | null; growthPercentile?: number | null }[];
}
interface CheckIn {
  id: string;
  tenantId: string;
  kind: string;
  status: 'open' | 'completed';
  reasons: string[];
  details: string[];
  dueAt: string;
  completedAt?: string | null;
  note?: string | null;
  completedBy?: string | null;
}

const PAGE = 25;

/** /analytics/*: the tabs keep the range and plan of the URL. */
export function AnalyticsSection() {
  const { can } = useSession();
  const location = useLocation();
  const tabs = [
    { to: '/analytics/usage', label: 'Usage', show: can('getUsageAnalytics') },
    { to: '/analytics/business', label: 'Business', show: can('getBusinessAnalytics') },
    { to: '/analytics/comparative', label: 'Comparative', show: can('getComparativeAnalytics') },
    { to: '/analytics/churn-risk', label: 'Churn risk', show: can('getComparativeAnalytics') || can('listRetentionCheckIns') },
  ].filter((t) => t.show);
  const firstTab = tabs[0];
  if (!firstTab) return <ErrorAlert error={new Error('Your role may not read cross-tenant analytics.')} title="Not available" />;
  const keep = new URLSearchParams();
  const current = new URLSearchParams(location.search);
  for (const k of ['from', 'to', 'plan']) {
    const value = current.get(k);
    if (value) keep.set(k, value);
  }
  const search = keep.toString() ? `?${keep.toString()}` : '';
  return (
    <Stack>
      <Title order={1} size="h2">
        Analytics
      </Title>
      <Group gap="md" component="nav" aria-label="Analytics pages">
        {tabs.map((t) => (
          <Anchor key={t.to} component={RouterLink} to={`${t.to}${search}`} fw={700} aria-current={location.pathname === t.to ? 'page' : undefined} td={location.pathname === t.to ? 'underline' : undefined}>
            {t.label}
          </Anchor>
        ))}
      </Group>
      <RangeForm />
      <Routes>
        <Route path="usage" element={<UsageAnalyticsPage />} />
        <Route path="business" element={<BusinessAnalyticsPage />} />
        <Route path="comparative" element={<ComparativePage />} />
        <Route path="churn-risk" element={<ChurnRiskPage />} />
        <Route path="*" element={<Navigate to={firstTab.to} replace />} />
      </Routes>
    </Stack>
  );
}

function useRange() {
  const [params, setParams] = useSearchParams();
  const range = analyticsRange(params);
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  return { ...range, params, set };
}

function RangeForm() {
  const { can } = useSession();
  const { from, to, plan, set } = useRange();
  const [draft, setDraft] = useState({ from, to, plan });
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api<{ plans: Plan[] }>('/plans'), enabled: can('listPlans'), staleTime: 60_000 });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set({ from: draft.from, to: draft.to, plan: draft.plan, offset: '' });
  };
  return (
    <form onSubmit={submit} aria-label="Range and plan">
      <Group align="flex-end" wrap="wrap">
        <TextInput label="From" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} w={170} />
        <TextInput label="To" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} w={170} />
        {plans.data ? (
          <Select label="Plan" placeholder="Every plan" data={plans.data.plans.map((p) => ({ value: p.id, label: p.name }))} value={draft.plan || null} onChange={(v) => setDraft({ ...draft, plan: v ?? '' })} clearable w={180} />
        ) : (
          <TextInput label="Plan" placeholder="Every plan" value={draft.plan} onChange={(e) => setDraft({ ...draft, plan: e.currentTarget.value })} w={180} />
        )}
        <Button type="submit" variant="default">
          Apply
        </Button>
      </Group>
    </form>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder>
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      {hint && <Text size="xs">{hint}</Text>}
    </Card>
  );
}

function UsageAnalyticsPage() {
  const { from, to, plan } = useRange();
  const usage = useQuery({ queryKey: ['analytics-usage', from, to, plan], queryFn: () => api<UsageAnalytics>('/analytics/usage', { query: { from, to, plan } }), retry: false });
  const u = usage.data;
  const daily = u ? fillDays(u.days, u.range.from, u.range.to, (d) => d.apiCalls) : [];
  return (
    <Stack>
      <ErrorAlert error={usage.error} title="The usage analytics could not be read" />
      {u && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label="API calls" value={formatQuantity(u.totalApiCalls)} />
            <Figure label="Error rate" value={formatShare(u.errorRate)} hint="A lower bound: from degraded windows only" />
            <Figure label="Daily active users (average)" value={formatQuantity(u.activeUsers.averageDaily)} hint={`${formatGrowth(u.activeUsers.growthPercent)} against the range before`} />
            <Figure label="Tenants counted" value={String(u.tenantsCounted)} />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4">
              API calls per day
            </Title>
            <BarsChart testId="analytics-daily" values={daily.map((d) => ({ label: d.label.slice(5), value: d.value }))} format={formatQuantity} summary={`API calls per day from ${u.range.from} to ${u.range.to}: ${formatQuantity(u.totalApiCalls)} in all, most on one day ${formatQuantity(Math.max(0, ...daily.map((d) => d.value)))}`} />
          </Card>
          <Card withBorder>
            <Title order={2} size="h4">
              API calls by hour of day (UTC)
            </Title>
            <BarsChart
              testId="analytics-hourly"
              labelEvery={3}
              values={u.hourOfDay.map((h) => ({ label: String(h.hour).padStart(2, '0'), value: h.apiCalls }))}
              format={formatQuantity}
              summary={(() => {
                const peak = [...u.hourOfDay].sort((a, b) => b.apiCalls - a.apiCalls)[0];
                return peak && peak.apiCalls > 0 ? `Busiest hour ${String(peak.hour).padStart(2, '0')}:00 UTC with ${formatShare(peak.share)} of the calls` : 'No API calls in this range';
              })()}
            />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4">
                Feature utilisation
              </Title>
              <ScrollTable label="Feature utilisation" minWidth={320}>
                <Table.Thead>
                  <Table.Tr><Table.Th>Feature</Table.Th><Table.Th>Tenants</Table.Th><Table.Th>Share</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {u.featureUtilisation.map((f) => (
                    <Table.Tr key={f.feature}>
                      <Table.Td>{f.feature}</Table.Td><Table.Td>{f.tenants}</Table.Td><Table.Td>{formatShare(f.share)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
              {u.featureUtilisation.length === 0 && <Text size="sm">No feature enabled by any tenant counted.</Text>}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">
                Days
              </Title>
              <ScrollTable label="Usage per day" minWidth={420}>
                <Table.Thead>
                  <Table.Tr><Table.Th>Day</Table.Th><Table.Th>API calls</Table.Th><Table.Th>Bandwidth</Table.Th><Table.Th>Active users</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...u.days].reverse().map((d) => (
                    <Table.Tr key={d.day}>
                      <Table.Td>{d.day}</Table.Td><Table.Td>{formatQuantity(d.apiCalls)}</Table.Td><Table.Td>{formatBytes(d.bandwidthBytes)}</Table.Td><Table.Td>{d.activeUsers}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function BusinessAnalyticsPage() {
  const { from, to, plan } = useRange();
  const business = useQuery({ queryKey: ['analytics-business', from, to, plan], queryFn: () => api<BusinessAnalytics>('/analytics/business', { query: { from, to, plan } }), retry: false });
  const b = business.data;
  const currencies = [...new Set((b?.revenue ?? []).map((r) => r.currency))].sort();
  return (
    <Stack>
      <ErrorAlert error={business.error} title="The business analytics could not be read" />
      {b && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label="Monthly churn rate" value={formatShare(b.monthlyChurnRate)} />
            <Figure label="Tenants created" value={String(b.tenantGrowth.reduce((s, m) => s + m.created, 0))} />
            <Figure label="Tenants churned" value={String(b.tenantGrowth.reduce((s, m) => s + m.churned, 0))} />
            {b.ltv.slice(0, 1).map((l) => (
              <Figure key={l.currency} label={`LTV (${l.currency})`} value={l.ltvMinor !== null && l.ltvMinor !== undefined ? formatMoney({ amountMinor: Math.round(l.ltvMinor), currency: l.currency }) : 'unbounded'} hint={`Average MRR ${formatMoney({ amountMinor: Math.round(l.averageMrrMinor), currency: l.currency })}`} />
            ))}
          </SimpleGrid>
          {currencies.map((currency) => (
            <Card withBorder key={currency}>
              <Title order={2} size="h4">
                MRR invoiced per month ({currency})
              </Title>
              {(() => {
                const rows = b.revenue.filter((r) => r.currency === currency).sort((x, y) => x.month.localeCompare(y.month));
                const money = (minor: number) => formatMoney({ amountMinor: Math.round(minor), currency });
                return (
                  <BarsChart
                    testId="analytics-mrr"
                    values={rows.map((r) => ({ label: r.month, value: r.mrrMinor }))}
                    format={money}
                    summary={`MRR invoiced in ${currency}: ${rows.map((r) => `${r.month} ${money(r.mrrMinor)} from ${r.payingTenants} paying tenants`).join(', ')}`}
                  />
                );
              })()}
            </Card>
          ))}
          {currencies.length === 0 && <Text>No revenue in this range.</Text>}
          <Card withBorder>
            <Title order={2} size="h4">
              Tenant growth
            </Title>
            <BarsChart testId="analytics-growth" values={b.tenantGrowth.map((m) => ({ label: m.month, value: m.created }))} format={(v) => `${v} created`} summary={`Tenants created per month: ${b.tenantGrowth.map((m) => `${m.month} ${m.created}`).join(', ')}`} />
            <ScrollTable label="Tenant growth by month" minWidth={560}>
              <Table.Thead>
                <Table.Tr><Table.Th>Month</Table.Th><Table.Th>Created</Table.Th><Table.Th>Activated</Table.Th><Table.Th>Churned</Table.Th><Table.Th>Active at start</Table.Th><Table.Th>Churn rate</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.tenantGrowth.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{m.month}</Table.Td><Table.Td>{m.created}</Table.Td><Table.Td>{m.activated}</Table.Td><Table.Td>{m.churned}</Table.Td><Table.Td>{m.activeAtStart}</Table.Td><Table.Td>{formatShare(m.churnRate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4">
                Lifetime value
              </Title>
              {b.ltv.map((l) => (
                <Text key={l.currency}>
                  {l.currency}: {l.ltvMinor !== null && l.ltvMinor !== undefined ? formatMoney({ amountMinor: Math.round(l.ltvMinor), currency: l.currency }) : 'unbounded (no tenant churned)'}, average MRR {formatMoney({ amountMinor: Math.round(l.averageMrrMinor), currency: l.currency })}
                </Text>
              ))}
              <Text size="xs">{b.ltvMethod}</Text>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">
                Feature adoption
              </Title>
              <ScrollTable label="Feature adoption" minWidth={360}>
                <Table.Thead>
                  <Table.Tr><Table.Th>Feature</Table.Th><Table.Th>Tenants</Table.Th><Table.Th>Share</Table.Th><Table.Th>New in range</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {b.featureAdoption.map((f) => (
                    <Table.Tr key={f.feature}>
                      <Table.Td>{f.feature}</Table.Td><Table.Td>{f.tenants}</Table.Td><Table.Td>{formatShare(f.share)}</Table.Td><Table.Td>{f.adoptedInRange}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </ScrollTable>
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

const usageFormat = (v: number) => formatQuantity(v);
const healthFormat = (v: number) => `${Math.round(v)}`;
const growthFormat = (v: number) => formatGrowth(v);

function ComparativePage() {
  const { from, to, plan, params, set } = useRange();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const comparative = useQuery({ queryKey: ['analytics-comparative', from, to, plan, offset], queryFn: () => api<Comparative>('/analytics/comparative', { query: { from, to, plan, limit: PAGE, offset } }), retry: false, placeholderData: (old) => old });
  const c = comparative.data;
  return (
    <Stack>
      <ErrorAlert error={comparative.error} title="The comparative analytics could not be read" />
      {c && (
        <>
          <Card withBorder>
            <Title order={2} size="h4">
              Distribution per plan
            </Title>
            <Text size="sm">Whiskers p10–p90, box p25–p75, thick tick the median.</Text>
            <ScrollTable label="Distribution per plan" minWidth={900}>
              <Table.Thead>
                <Table.Tr><Table.Th>Plan</Table.Th><Table.Th>Tenants</Table.Th><Table.Th>API calls</Table.Th><Table.Th>Health</Table.Th><Table.Th>Growth</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.plans.map((p) => (
                  <Table.Tr key={p.plan}>
                    <Table.Td>{p.plan}</Table.Td>
                    <Table.Td>{p.tenants}</Table.Td>
                    <Table.Td><DistributionStrip distribution={p.usage} max={Math.max(1, p.usage.p90 ?? 0) * 1.1} label={`${p.plan} API calls`} format={usageFormat} /></Table.Td>
                    <Table.Td><DistributionStrip distribution={p.health} max={100} label={`${p.plan} health`} format={healthFormat} /></Table.Td>
                    <Table.Td>
                      {p.growth.count > 0 && p.growth.p10 !== null && p.growth.p10 !== undefined ? (
                        <Text size="sm">p10 {growthFormat(p.growth.p10)}, median {growthFormat(p.growth.p50 ?? 0)}, p90 {growthFormat(p.growth.p90 ?? 0)}</Text>
                      ) : (
                        <Text size="sm">no values</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            <Text size="xs">{c.method}</Text>
          </Card>
          <RiskIndicators indicators={c.riskIndicators} />
          <Card withBorder>
            <Title order={2} size="h4">
              Tenants ({c.total})
            </Title>
            <ScrollTable label="Tenants compared" minWidth={900}>
              <Table.Thead>
                <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Plan</Table.Th><Table.Th>API calls</Table.Th><Table.Th>Percentile</Table.Th><Table.Th>Health</Table.Th><Table.Th>Percentile</Table.Th><Table.Th>Growth</Table.Th><Table.Th>Percentile</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.tenants.map((t) => (
                  <Table.Tr key={t.tenantId}>
                    <Table.Td><Anchor component={Link} to={`/tenants/${t.tenantId}/dashboard`}>{t.tenantId.slice(0, 8)}…</Anchor></Table.Td>
                    <Table.Td>{t.plan}</Table.Td>
                    <Table.Td>{formatQuantity(t.usage)}</Table.Td>
                    <Table.Td title={percentileBand(t.usagePercentile)}>{formatPercentile(t.usagePercentile)}</Table.Td>
                    <Table.Td>{t.health ?? '—'}</Table.Td>
                    <Table.Td title={percentileBand(t.healthPercentile)}>{formatPercentile(t.healthPercentile)}</Table.Td>
                    <Table.Td>{formatGrowth(t.growth)}</Table.Td>
                    <Table.Td title={percentileBand(t.growthPercentile)}>{formatPercentile(t.growthPercentile)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            <Group justify="space-between" mt="xs">
              <Text size="sm">
                {c.total === 0 ? 'No tenant to compare.' : `${offset + 1}–${Math.min(c.total, offset + c.tenants.length)} of ${c.total}`}
              </Text>
              <Group>
                <Button variant="default" size="xs" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>
                  Previous
                </Button>
                <Button variant="default" size="xs" disabled={offset + PAGE >= c.total} onClick={() => set({ offset: String(offset + PAGE) })}>
                  Next
                </Button>
              </Group>
            </Group>
          </Card>
        </>
      )}
    </Stack>
  );
}

function RiskIndicators({ indicators }: { indicators: Comparative['riskIndicators'] }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Risk indicators
      </Title>
      <Text size="sm">Tenants in the bottom decile of their plan (percentile ≤ 10) on a measure, lowest first.</Text>
      {indicators.length === 0 ? (
        <Text>No tenant is in the bottom decile of its plan.</Text>
      ) : (
        <ScrollTable label="Risk indicators" minWidth={520}>
          <Table.Thead>
            <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Plan</Table.Th><Table.Th>Bottom decile on</Table.Th><Table.Th>Lowest percentile</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {indicators.map((r) => (
              <Table.Tr key={r.tenantId}>
                <Table.Td><Anchor component={Link} to={`/tenants/${r.tenantId}/dashboard`}>{r.tenantId.slice(0, 8)}…</Anchor></Table.Td>
                <Table.Td>{r.plan}</Table.Td>
                <Table.Td>{r.measures.join(', ')}</Table.Td>
                <Table.Td>{formatPercentile(r.lowestPercentile)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Card>
  );
}

function ChurnRiskPage() {
  const { can } = useSession();
  const { from, to, plan, params, set } = useRange();
  const status = params.get('status') ?? 'open';
  const checkIns = useQuery({ queryKey: ['check-ins', status], queryFn: () => api<{ items: CheckIn[] }>('/retention/check-ins', { query: { status: status === 'all' ? undefined : status } }), enabled: can('listRetentionCheckIns'), retry: false });
  const comparative = useQuery({ queryKey: ['analytics-comparative', from, to, plan, 0], queryFn: () => api<Comparative>('/analytics/comparative', { query: { from, to, plan, limit: PAGE, offset: 0 } }), enabled: can('getComparativeAnalytics'), retry: false });
  return (
    <Stack>
      {can('listRetentionCheckIns') && (
        <Card withBorder>
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4">
              Retention check-ins
            </Title>
            <Select aria-label="Check-in status" data={[{ value: 'open', label: 'Open' }, { value: 'completed', label: 'Completed' }, { value: 'all', label: 'All' }]} value={status} allowDeselect={false} onChange={(v) => v && set({ status: v })} w={150} />
          </Group>
          <Text size="sm">Opened when a tenant enters churn risk (with the reasons), and for green tenants now and then as a success check-in.</Text>
          <ErrorAlert error={checkIns.error} title="The check-ins could not be read" />
          {checkIns.data && checkIns.data.items.length === 0 && <Text>No {status === 'all' ? '' : `${status} `}check-in.</Text>}
          {checkIns.data && checkIns.data.items.length > 0 && (
            <ScrollTable label="Retention check-ins" minWidth={860}>
              <Table.Thead>
                <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Why</Table.Th><Table.Th>Due</Table.Th><Table.Th>Status</Table.Th><Table.Th>Action</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checkIns.data.items.map((c) => (
                  <Table.Tr key={c.id} data-testid={`check-in-${c.id}`}>
                    <Table.Td><Anchor component={Link} to={`/tenants/${c.tenantId}/dashboard`}>{c.tenantId.slice(0, 8)}…</Anchor></Table.Td>
                    <Table.Td>{c.kind}</Table.Td>
                    <Table.Td>{c.details.length > 0 ? c.details.join('; ') : c.reasons.join(', ') || '—'}</Table.Td>
                    <Table.Td>{formatDateTime(c.dueAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={c.status === 'open' ? 'pending' : 'succeeded'} />
                      {c.completedAt && <Text size="xs">{formatDateTime(c.completedAt)}{c.note ? `: ${c.note}` : ''}</Text>}
                    </Table.Td>
                    <Table.Td>{c.status === 'open' && can('completeRetentionCheckIn') && <CompleteCheckIn checkIn={c} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
        </Card>
      )}
      {can('getComparativeAnalytics') && (
        <>
          <ErrorAlert error={comparative.error} title="The risk indicators could not be read" />
          {comparative.data && <RiskIndicators indicators={comparative.data.riskIndicators} />}
        </>
      )}
    </Stack>
  );
}

function CompleteCheckIn({ checkIn }: { checkIn: CheckIn }) {
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(`/retention/check-ins/${checkIn.id}/complete`, { method: 'POST', body: { note: note.trim() } });
      setOpened(false);
      setNote('');
      await client.invalidateQueries({ queryKey: ['check-ins'] });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? new Error('Someone completed this check-in meanwhile: the list is refreshed.') : err);
      if (err instanceof ApiError && err.status === 409) await client.invalidateQueries({ queryKey: ['check-ins'] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" onClick={() => setOpened(true)} aria-label={`Complete the check-in of ${checkIn.tenantId}`}>
        Complete
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Complete the check-in">
        <form onSubmit={submit} aria-label="Complete the check-in">
          <Stack>
            <Text size="sm">{checkIn.details.join('; ') || checkIn.kind}</Text>
            <Textarea label="What was done" value={note} onChange={(e) => setNote(e.currentTarget.value)} required minRows={3} maxLength={2000} />
            <ErrorAlert error={error} title="The check-in was not completed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!note.trim()}>
                Complete
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
