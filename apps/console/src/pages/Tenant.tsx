/** One tenant: status and lifecycle actions, history, provisioning steps, limits (with meter limits), usage, offboarding feedback. */
import { Anchor, Autocomplete, Button, Card, Group, NumberInput, Select, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ConfirmButton, ErrorAlert, StatusBadge } from '../components/common';
import { TenantAdministration } from '../components/TenantAdministration';
import { TenantAuditTrail } from '../components/TenantAuditTrail';
import { TenantBilling } from '../components/TenantBilling';
import { TenantOffboardingFeedback } from '../components/TenantOffboardingFeedback';
import { TenantPreferences } from '../components/TenantPreferences';
import { TenantUsageAlerts } from '../components/TenantUsageAlerts';
import { TenantInsightLinks } from './TenantDashboard';
import { UsageChart } from '../components/UsageChart';
import { api, Saga, Tenant, Transition, UsageView } from '../lib/api';
import { limitForMetric, TenantLimits } from '../lib/chart';
import { formatDateTime } from '../lib/format';
import { LimitMode, limitsFormErrors, MeterChoice, MeterLimitRow, meterOptions, meterRowField, meterRowsOf, metersBody } from '../lib/meter-limits';
import { ApiError } from '../lib/problem';
import { useSession } from '../session';

export function TenantPage() {
  const { id = '' } = useParams();
  const { can, caller } = useSession();
  const client = useQueryClient();
  const tenant = useQuery({
    queryKey: ['tenant', id],
    queryFn: () => api<Tenant>(`/tenants/${id}`),
    // Long operations show progress: poll while provisioning or offboarding runs.
    refetchInterval: (query) => (['provisioning', 'offboarding'].includes(query.state.data?.status ?? '') ? 1000 : false),
  });
  const refresh = () => client.invalidateQueries({ predicate: (q) => Array.isArray(q.queryKey) && q.queryKey.includes(id) });
  let reason = '';
  if (tenant.error) return <ErrorAlert error={tenant.error} title="The tenant could not be read" />;
  if (!tenant.data) return <Text>Loading…</Text>;
  const t = tenant.data;
  return (
    <Stack>
      {caller?.role !== 'tenant-admin' && (
        <Anchor component={Link} to="/tenants">
          ← All tenants
        </Anchor>
      )}
      <Group justify="space-between" wrap="wrap">
        <Group>
          <Title order={1} size="h2">
            {t.name}
          </Title>
          <StatusBadge status={t.status} />
        </Group>
        <Group>
          {can('suspendTenant') && ['active', 'trial'].includes(t.status) && (
            <ConfirmButton label="Suspend" color="orange" title={`Suspend ${t.name}?`} withReason onReason={(r) => (reason = r)} onConfirm={() => api(`/tenants/${id}/suspend`, { method: 'POST', body: reason ? { reason } : {} }).then(refresh)}>
              {`${t.name} (${t.slug}) and its API keys will be refused until it is reactivated.`}
            </ConfirmButton>
          )}
          {can('reactivateTenant') && ['suspended', 'inactive'].includes(t.status) && (
            <ConfirmButton label="Reactivate" color="green" title={`Reactivate ${t.name}?`} onConfirm={() => api(`/tenants/${id}/reactivate`, { method: 'POST', body: {} }).then(refresh)}>
              {`${t.name} (${t.slug}) will be served again.`}
            </ConfirmButton>
          )}
          {can('deleteTenant') && ['active', 'trial', 'suspended'].includes(t.status) && (
            <ConfirmButton label="Delete" title={`Delete ${t.name}?`} typeToConfirm={t.slug} onConfirm={() => api(`/tenants/${id}`, { method: 'DELETE' }).then(refresh)}>
              {`Offboarding ${t.name} exports its data, then removes it and revokes its keys. This cannot be undone.`}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      {t.statusReason && <Text>Reason: {t.statusReason}</Text>}
      <TenantInsightLinks id={id} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">
            Details
          </Title>
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th>Id</Table.Th><Table.Td>{t.id}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Slug</Table.Th><Table.Td>{t.slug}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Domain</Table.Th><Table.Td>{t.domain.hostname} ({t.domain.type}{t.domain.ssl ? ', TLS' : ''})</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Plan</Table.Th><Table.Td>{t.plan.id}{t.plan.trial ? ` (trial until ${formatDateTime(t.plan.trialEndsAt)})` : ''}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Admin</Table.Th><Table.Td>{t.adminEmail}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Configuration</Table.Th><Table.Td>{t.configuration.language}, {t.configuration.timezone}, {t.configuration.currency}, theme {t.configuration.theme}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Resources</Table.Th><Table.Td>{t.resources.storage} GB storage, {t.resources.bandwidth} GB bandwidth a month, {t.resources.users} users</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Created</Table.Th><Table.Td>{formatDateTime(t.createdAt)}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
        {can('getLimits') && <Limits id={id} editable={can('setLimits')} canListMeters={can('listMeters')} />}
      </SimpleGrid>
      <TenantOffboardingFeedback id={id} status={t.status} />
      <TenantAdministration tenant={t} onChanged={refresh} />
      {can('getProvisioning') && <Provisioning id={id} retry={can('retryProvisioning')} status={t.status} onRetried={refresh} />}
      {can('getUsage') && <TenantUsage id={id} />}
      {can('listUsageAlerts') && <TenantUsageAlerts id={id} />}
      {can('getSubscription') && <TenantBilling id={id} canSubscription={can('getSubscription')} canDunning={can('getDunning')} canInvoices={can('listInvoices')} canPdf={can('getInvoicePdf')} />}
      <TenantPreferences id={id} />
      {can('getTenantHistory') && <History id={id} />}
      {can('listTenantAuditEntries') && <TenantAuditTrail id={id} />}
    </Stack>
  );
}

function History({ id }: { id: string }) {
  const history = useQuery({ queryKey: ['history', id], queryFn: () => api<{ items: Transition[] }>(`/tenants/${id}/history`) });
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        History
      </Title>
      <ErrorAlert error={history.error} />
      <Table aria-label="History">
        <Table.Thead>
          <Table.Tr><Table.Th>When</Table.Th><Table.Th>From</Table.Th><Table.Th>To</Table.Th><Table.Th>Reason</Table.Th><Table.Th>By</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data?.items.map((h, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatDateTime(h.at)}</Table.Td><Table.Td>{h.from ?? '—'}</Table.Td><Table.Td>{h.to}</Table.Td><Table.Td>{h.reason ?? '—'}</Table.Td><Table.Td>{h.actor}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Provisioning({ id, retry, status, onRetried }: { id: string; retry: boolean; status: string; onRetried: () => void }) {
  const saga = useQuery({ queryKey: ['provisioning', id, status], queryFn: () => api<Saga>(`/tenants/${id}/provisioning`), refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false), retry: false });
  const failed = saga.data?.status === 'failed' || saga.data?.status === 'compensated';
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={2} size="h4">
          Provisioning {saga.data && <StatusBadge status={saga.data.status} />}
        </Title>
        {retry && failed && (
          <ConfirmButton label="Retry provisioning" color="blue" title="Retry provisioning?" onConfirm={() => api(`/tenants/${id}/provisioning/retry`, { method: 'POST', body: {} }).then(onRetried)}>
            The failed steps run again from the first one that failed.
          </ConfirmButton>
        )}
      </Group>
      {saga.error instanceof ApiError && saga.error.status === 404 ? <Text>No provisioning has run.</Text> : <ErrorAlert error={saga.error} />}
      <Table aria-label="Provisioning steps">
        <Table.Thead>
          <Table.Tr><Table.Th>Step</Table.Th><Table.Th>Status</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Error</Table.Th><Table.Th>Finished</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {saga.data?.steps.map((s) => (
            <Table.Tr key={s.name}>
              <Table.Td>{s.name}</Table.Td><Table.Td><StatusBadge status={s.status} /></Table.Td><Table.Td>{s.attempts}</Table.Td><Table.Td>{s.error ?? '—'}</Table.Td><Table.Td>{formatDateTime(s.finishedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

type LimitsView = TenantLimits & { meters?: Record<string, { limit: number; mode: LimitMode }>; version: number; updatedAt: string };
const LIMIT_FIELDS = [
  { key: 'storage', label: 'Storage (GB)' },
  { key: 'bandwidth', label: 'Bandwidth (GB per month)' },
  { key: 'users', label: 'Users' },
  { key: 'apiCalls', label: 'API calls per month' },
] as const;

function Limits({ id, editable, canListMeters }: { id: string; editable: boolean; canListMeters: boolean }) {
  const client = useQueryClient();
  const limits = useQuery({ queryKey: ['limits', id], queryFn: () => api<LimitsView>(`/tenants/${id}/limits`) });
  const meters = useQuery({ queryKey: ['meters'], queryFn: () => api<{ meters: MeterChoice[] }>('/meters'), enabled: canListMeters, retry: false });
  const [draft, setDraft] = useState<Record<string, { limit: number | string; mode: string }>>({});
  const [meterRows, setMeterRows] = useState<MeterLimitRow[]>([]);
  const [adding, setAdding] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!limits.data) return;
    setDraft(Object.fromEntries(LIMIT_FIELDS.map(({ key }) => [key, { limit: limits.data[key]?.limit ?? '', mode: limits.data[key]?.mode ?? 'soft' }])));
    setMeterRows(meterRowsOf(limits.data.meters));
  }, [limits.data]);
  const units = new Map((meters.data?.meters ?? []).map((m) => [m.key, m.unit]));
  const options = meterOptions(meters.data?.meters ?? [], meterRows).map((m) => m.key);
  const addMeter = () => {
    const key = adding.trim();
    if (!key) return;
    setMeterRows([...meterRows, { key, limit: '', mode: 'soft' }]);
    setAdding('');
  };
  const setRow = (index: number, change: Partial<MeterLimitRow>) => setMeterRows(meterRows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setSaved(false);
    const built = metersBody(meterRows);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    const body = { ...Object.fromEntries(Object.entries(draft).filter(([, v]) => v.limit !== '').map(([k, v]) => [k, { limit: Number(v.limit), mode: v.mode }])), meters: built.meters };
    try {
      await api(`/tenants/${id}/limits`, { method: 'PUT', body });
      await client.invalidateQueries({ queryKey: ['limits', id] });
      setSaved(true);
    } catch (e) {
      const mapped = e instanceof ApiError ? limitsFormErrors(e.problem, LIMIT_FIELDS.map((f) => f.key), meterRows) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Limits
      </Title>
      <ErrorAlert error={limits.error} />
      <form onSubmit={save} aria-label="Limits">
        <Stack gap="xs">
          {LIMIT_FIELDS.map(({ key, label }) => (
            <Group key={key} align="flex-end" wrap="nowrap">
              <NumberInput label={label} min={0} value={draft[key]?.limit ?? ''} readOnly={!editable} error={errors[key]} onChange={(v) => setDraft({ ...draft, [key]: { ...(draft[key] ?? { mode: 'soft' }), limit: v } })} />
              <Select label={`${label} mode`} data={['soft', 'hard']} value={draft[key]?.mode ?? 'soft'} readOnly={!editable} allowDeselect={false} onChange={(v) => setDraft({ ...draft, [key]: { ...(draft[key] ?? { limit: '' }), mode: v ?? 'soft' } })} w={110} />
            </Group>
          ))}
          <Title order={3} size="h5" mt="sm">
            Meter limits
          </Title>
          {meterRows.length === 0 && <Text size="sm">No limit on a meter.</Text>}
          {meterRows.map((row, index) => {
            const unit = units.get(row.key);
            return (
              <Group key={index} align="flex-end" wrap="nowrap" data-testid={`meter-limit-${row.key}`}>
                <NumberInput label={`${row.key} limit`} description={unit ? `${unit} per month` : 'per month'} min={0} value={row.limit} readOnly={!editable} error={errors[meterRowField(index)]} onChange={(v) => setRow(index, { limit: v })} />
                <Select label={`${row.key} mode`} data={['soft', 'hard']} value={row.mode} readOnly={!editable} allowDeselect={false} onChange={(v) => setRow(index, { mode: v === 'hard' ? 'hard' : 'soft' })} w={110} />
                {editable && (
                  <Button variant="default" aria-label={`Remove the limit on ${row.key}`} onClick={() => setMeterRows(meterRows.filter((_, i) => i !== index))}>
                    Remove
                  </Button>
                )}
              </Group>
            );
          })}
          {editable && (
            <Group align="flex-end" wrap="nowrap">
              <Autocomplete label="Meter" description="A meter from GET /meters" data={options} value={adding} onChange={setAdding} maxLength={63} />
              <Button variant="default" onClick={addMeter} disabled={!adding.trim()}>
                Add meter limit
              </Button>
            </Group>
          )}
          {editable && meters.error instanceof ApiError && meters.error.status !== 403 && <Text size="sm">The meters could not be listed: {meters.error.message}</Text>}
          <ErrorAlert error={error} title="The limits were not saved" />
          {saved && <Text c="teal.9" role="status">Limits saved.</Text>}
          {editable && (
            <Group>
              <Button type="submit">Save limits</Button>
            </Group>
          )}
          {limits.data && <Text size="xs">Version {limits.data.version}, changed {formatDateTime(limits.data.updatedAt)}</Text>}
        </Stack>
      </form>
    </Card>
  );
}

const METRICS = ['api_calls', 'bandwidth_bytes', 'storage_bytes', 'active_users', 'database_bytes', 'concurrent_connections'];

function TenantUsage({ id }: { id: string }) {
  const [params, setParams] = useSearchParams();
  const granularity = (params.get('granularity') ?? 'day') as 'hour' | 'day' | 'month';
  const metric = params.get('metric') ?? 'api_calls';
  const span = { hour: 48 * 3600e3, day: 31 * 86400e3, month: 365 * 86400e3 }[granularity];
  const usage = useQuery({
    queryKey: ['usage', id, granularity, metric],
    queryFn: () => api<UsageView>(`/tenants/${id}/usage`, { query: { granularity, metric, from: new Date(Date.now() - span).toISOString() } }),
    refetchInterval: 5000,
  });
  const limits = useQuery({ queryKey: ['limits', id], queryFn: () => api<LimitsView>(`/tenants/${id}/limits`), retry: false });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const points = usage.data?.series.find((s) => s.metric === metric)?.points ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          Usage
        </Title>
        <Group>
          <Select aria-label="Metric" data={METRICS} value={metric} onChange={(v) => v && set('metric', v)} allowDeselect={false} />
          <SegmentedControl aria-label="Granularity" data={['hour', 'day', 'month']} value={granularity} onChange={(v) => set('granularity', v)} />
        </Group>
      </Group>
      <ErrorAlert error={usage.error} />
      <UsageChart metric={metric} points={points} limit={limitForMetric(metric, limits.data)} granularity={granularity} />
    </Card>
  );
}
