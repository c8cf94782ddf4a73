/** Billing pages: the plans with their charges, revenue (MRR movements per month, from/to in the URL), billing runs, and one tenant's billing. */
import { Anchor, Badge, Button, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, Navigate, NavLink as RouterLink, Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { MOVEMENT_COLOURS, MrrMovementsChart, ScrollTable } from '../components/charts';
import { ConfirmButton, ErrorAlert, StatusBadge } from '../components/common';
import { PlanFormButton } from '../components/PlanForm';
import { TenantBilling } from '../components/TenantBilling';
import { api, Tenant } from '../lib/api';
import { formatDateTime, formatMoney } from '../lib/format';
import { GAINS, LOSSES, RevenueMonth, revenueCurrencies, revenueRange } from '../lib/insights';
import { describeCharge, Plan } from '../lib/plans';
import { useSession } from '../session';

/** /billing/*: plans and revenue, for the roles that may read them. */
export function BillingSection() {
  const { can } = useSession();
  const tabs = [
    { to: '/billing/plans', label: 'Plans', show: can('listPlans') },
    { to: '/billing/revenue', label: 'Revenue', show: can('getRevenue') },
  ].filter((t) => t.show);
  const firstTab = tabs[0];
  if (!firstTab) return <ErrorAlert error={new Error('Your role may not read plans or revenue.')} title="Not available" />;
  return (
    <Stack>
      <Group gap="md" component="nav" aria-label="Billing pages">
        {tabs.map((t) => (
          <Anchor key={t.to} component={RouterLink} to={t.to} fw={700}>
            {t.label}
          </Anchor>
        ))}
      </Group>
      <Routes>
        <Route path="plans" element={<PlansPage />} />
        <Route path="revenue" element={<RevenuePage />} />
        <Route path="*" element={<Navigate to={firstTab.to} replace />} />
      </Routes>
    </Stack>
  );
}

function PlansPage() {
  const { can } = useSession();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api<{ plans: Plan[] }>('/plans') });
  const editable = can('updatePlan');
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Plans
        </Title>
        {can('createPlan') && <PlanFormButton />}
      </Group>
      <Text size="sm">Every plan at its current version (new subscriptions get it; existing ones keep the version they started on). Prices are in the tenant's currency.</Text>
      <ErrorAlert error={plans.error} title="The plans could not be read" />
      <ScrollTable label="Plans" minWidth={760}>
        <Table.Thead>
          <Table.Tr><Table.Th>Plan</Table.Th><Table.Th>Version</Table.Th><Table.Th>Base price a month</Table.Th><Table.Th>Trial</Table.Th><Table.Th>Usage charges</Table.Th>{editable && <Table.Th>Actions</Table.Th>}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.data?.plans.map((plan) => (
            <Table.Tr key={plan.id} data-testid={`plan-${plan.id}`}>
              <Table.Td>
                <b>{plan.name}</b> <Text span size="sm">({plan.id})</Text>
              </Table.Td>
              <Table.Td>
                v{plan.version} <Text span size="xs">since {formatDateTime(plan.createdAt)}</Text>
              </Table.Td>
              <Table.Td>{plan.basePrice}</Table.Td>
              <Table.Td>{plan.trialDays ? `${plan.trialDays} days` : 'none'}</Table.Td>
              <Table.Td>
                {plan.charges.length === 0 ? (
                  'none'
                ) : (
                  <List size="sm">
                    {plan.charges.map((c) => (
                      <List.Item key={c.metric}>
                        <b>{c.metric}</b> <Badge variant="outline" color="dark" size="sm">{c.model}</Badge> {describeCharge(c)}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
              {editable && (
                <Table.Td>
                  <PlanFormButton plan={plan} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

interface Revenue {
  from: string;
  to: string;
  months: RevenueMonth[];
}
interface BillingRun {
  id: string;
  status: string;
  dryRun: boolean;
  subscriptions: number;
  invoicesCreated: number;
  invoicesUpdated: number;
  invoicesUnchanged: number;
  invoicesFinalized: number;
  error: string | null;
}

function RevenuePage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const { from, to } = revenueRange(params);
  const [draft, setDraft] = useState({ from, to });
  const revenue = useQuery({ queryKey: ['revenue', from, to], queryFn: () => api<Revenue>('/revenue', { query: { from, to } }), retry: false });
  const currencies = revenueCurrencies(revenue.data?.months ?? []);
  const asked = params.get('currency');
  const currency = asked && currencies.includes(asked) ? asked : (currencies[0] ?? 'EUR');
  const format = (v: number) => formatMoney({ amount: v.toFixed(2), currency });
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const months = [...(revenue.data?.months ?? [])].sort((a, b) => b.month.localeCompare(a.month));
  const latest = months[0]?.currencies.find((c) => c.currency === currency);
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          Revenue
        </Title>
        {can('startBillingRun') && <BillingRunButton />}
      </Group>
      <form
        aria-label="Revenue range"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set({ from: draft.from, to: draft.to });
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label="From month" type="month" placeholder="YYYY-MM" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} w={170} />
          <TextInput label="To month" type="month" placeholder="YYYY-MM" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} w={170} />
          <Button type="submit" variant="default">
            Show
          </Button>
          {currencies.length > 1 && <Select label="Currency" data={currencies} value={currency} allowDeselect={false} onChange={(v) => v && set({ currency: v })} w={120} />}
        </Group>
      </form>
      <ErrorAlert error={revenue.error} title="The revenue could not be read" />
      {revenue.data && (
        <>
          {latest && (
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {[
                ['MRR now', format(Number(latest.endMrr))],
                ['ARR now', format(Number(latest.endArr ?? Number(latest.endMrr) * 12))],
                ['Paying tenants', String(latest.payingAtEnd)],
                [`Net movement ${months[0]?.month ?? ''}`, format(Number(latest.endMrr) - Number(latest.startMrr))],
              ].map(([label, value]) => (
                <Card withBorder key={label}>
                  <Text size="sm">{label}</Text>
                  <Text fw={700} size="xl">
                    {value}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          )}
          <Card withBorder>
            <Title order={2} size="h4">
              MRR movements ({currency})
            </Title>
            <MrrMovementsChart months={revenue.data.months} currency={currency} format={format} />
          </Card>
          <ScrollTable label="Revenue by month" minWidth={860}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th>MRR at start</Table.Th>
                {[...GAINS, ...LOSSES].map((m) => (
                  <Table.Th key={m}>
                    <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, marginRight: 4, background: MOVEMENT_COLOURS[m] }} />
                    {m}
                  </Table.Th>
                ))}
                <Table.Th>MRR at end</Table.Th>
                <Table.Th>Paying</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {months.map((m) => {
                const c = m.currencies.find((x) => x.currency === currency);
                return (
                  <Table.Tr key={m.month}>
                    <Table.Td>{m.month}</Table.Td>
                    <Table.Td>{c ? format(Number(c.startMrr)) : '—'}</Table.Td>
                    {[...GAINS, ...LOSSES].map((k) => (
                      <Table.Td key={k}>{c ? `${LOSSES.includes(k as (typeof LOSSES)[number]) && Number(c[k]) > 0 ? '−' : ''}${format(Number(c[k]))}` : '—'}</Table.Td>
                    ))}
                    <Table.Td>{c ? format(Number(c.endMrr)) : '—'}</Table.Td>
                    <Table.Td>{c?.payingAtEnd ?? 0}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}

/** Starts a billing run after a confirmation and shows its progress until it ends. */
function BillingRunButton() {
  const [runId, setRunId] = useState<string>();
  const run = useQuery({ queryKey: ['billing-run', runId], queryFn: () => api<BillingRun>(`/billing/runs/${runId}`), enabled: Boolean(runId), refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 1000 : false) });
  const r = run.data;
  return (
    <Stack gap={4} align="flex-end">
      <ConfirmButton label="Start billing run" color="blue" title="Start a billing run?" onConfirm={() => api<BillingRun>('/billing/runs', { method: 'POST', body: {} }).then((started) => setRunId(started.id))}>
        Invoices every subscription whose period ended and finalizes drafts past their grace window. It is idempotent: running it again changes nothing that is done.
      </ConfirmButton>
      {r && (
        <Text size="sm" role="status" component="div">
          Run <StatusBadge status={r.status === 'completed' ? 'succeeded' : r.status} />: {r.subscriptions} subscriptions, {r.invoicesCreated} invoices created, {r.invoicesUpdated} updated, {r.invoicesFinalized} finalized
          {r.error ? `; ${r.error}` : ''}
        </Text>
      )}
      <ErrorAlert error={run.error} />
    </Stack>
  );
}

/** /tenants/:id/billing: one tenant's billing on a page of its own. */
export function TenantBillingPage() {
  const { id = '' } = useParams();
  const { can, caller } = useSession();
  const tenant = useQuery({ queryKey: ['tenant', id], queryFn: () => api<Tenant>(`/tenants/${id}`), retry: false });
  if (tenant.error) return <ErrorAlert error={tenant.error} title="The tenant could not be read" />;
  return (
    <Stack>
      <Group gap="md">
        {caller?.role !== 'tenant-admin' && (
          <Anchor component={Link} to="/tenants">
            ← All tenants
          </Anchor>
        )}
        <Anchor component={Link} to={`/tenants/${id}`}>
          Tenant page
        </Anchor>
        {can('getTenantDashboard') && (
          <Anchor component={Link} to={`/tenants/${id}/dashboard`}>
            Health dashboard
          </Anchor>
        )}
      </Group>
      <Group>
        <Title order={1} size="h2">
          {tenant.data ? `${tenant.data.name}: billing` : 'Billing'}
        </Title>
        {tenant.data && <StatusBadge status={tenant.data.status} />}
      </Group>
      {can('getSubscription') ? (
        <TenantBilling id={id} canSubscription={can('getSubscription')} canDunning={can('getDunning')} canInvoices={can('listInvoices')} canPdf={can('getInvoicePdf')} />
      ) : (
        <ErrorAlert error={new Error('Your role may not read billing.')} title="Not available" />
      )}
    </Stack>
  );
}
