/** Maintenance windows: the current and coming ones, scheduling one (or an emergency), ending one early. */
import { Alert, Button, Card, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ConfirmButton, ErrorAlert, StatusBadge } from '../components/common';
import { buildMaintenanceRequest, MAINTENANCE_FORM_FIELDS, MaintenanceForm } from '../lib/admin-forms';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ScrollTable } from '../components/ScrollTable';

interface MaintenanceWindow {
  id: string;
  scope: 'global' | 'plan' | 'tenant';
  planId: string | null;
  tenantId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  emergency: boolean;
  status: string;
  endedAt: string | null;
  actor: string;
  bulkJobId: string | null;
  createdAt: string;
}

function target(w: MaintenanceWindow): string {
  if (w.scope === 'global') return 'every tenant';
  if (w.scope === 'plan') return `plan ${w.planId}`;
  return `tenant ${w.tenantId}`;
}

const EMPTY: MaintenanceForm = { scope: 'tenant', planId: '', tenantId: '', emergency: false, startsAt: '', durationMinutes: 60, reason: '' };

export function MaintenancePage() {
  const { can } = useSession();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['maintenance'], queryFn: () => api<{ items: MaintenanceWindow[]; now: string }>('/maintenance'), enabled: can('listMaintenance'), refetchInterval: 15_000 });
  const refresh = () => client.invalidateQueries({ queryKey: ['maintenance'] });
  if (!can('listMaintenance')) return <Alert color="yellow">Your role may not read maintenance windows.</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        Maintenance
      </Title>
      <Text size="sm">During a window the affected tenants&apos; API calls are answered 503 with Retry-After; the platform&apos;s operators keep access. Windows end by themselves.</Text>
      <ErrorAlert error={list.error} title="The maintenance windows could not be listed" />
      <ScrollTable minWidth={640} label="Maintenance windows">
        <Table aria-label="Maintenance windows" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>State</Table.Th><Table.Th>Affects</Table.Th><Table.Th>From</Table.Th><Table.Th>Until</Table.Th><Table.Th>Reason</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.map((w) => (
              <Table.Tr key={w.id} data-testid={`maintenance-${w.id}`}>
                <Table.Td>
                  <StatusBadge status={w.status} /> {w.emergency ? 'emergency' : ''}
                </Table.Td>
                <Table.Td>{target(w)}</Table.Td>
                <Table.Td>{formatDateTime(w.startsAt)}</Table.Td>
                <Table.Td>{formatDateTime(w.endsAt)}</Table.Td>
                <Table.Td>{w.reason}</Table.Td>
                <Table.Td>
                  {can('endMaintenance') && ['scheduled', 'active'].includes(w.status) && (
                    <ConfirmButton label={w.status === 'active' ? 'End now' : 'Cancel'} title={`${w.status === 'active' ? 'End' : 'Cancel'} the maintenance of ${target(w)}?`} confirmLabel={w.status === 'active' ? 'End now' : 'Cancel the window'} onConfirm={() => api(`/maintenance/${w.id}`, { method: 'DELETE' }).then(refresh)}>
                      {w.status === 'active' ? `${target(w)} is served again at once ("${w.reason}").` : `The window "${w.reason}" from ${formatDateTime(w.startsAt)} will not happen.`}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {list.data?.items.length === 0 && <Text>No window is active or coming.</Text>}
      {can('scheduleMaintenance') && <Schedule onScheduled={refresh} />}
    </Stack>
  );
}

function Schedule({ onScheduled }: { onScheduled: () => Promise<unknown> }) {
  const [form, setForm] = useState<MaintenanceForm>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const set = <K extends keyof MaintenanceForm>(key: K, value: MaintenanceForm[K]) => setForm({ ...form, [key]: value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setDone(undefined);
    const built = buildMaintenanceRequest(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    try {
      const created = await api<MaintenanceWindow>('/maintenance', { method: 'POST', body: built.body });
      setDone(`Scheduled for ${target(created)}: ${formatDateTime(created.startsAt)} to ${formatDateTime(created.endsAt)}.`);
      setForm(EMPTY);
      await onScheduled();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, MAINTENANCE_FORM_FIELDS, { endsAt: 'durationSeconds' }) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="Schedule maintenance">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Schedule a window
          </Title>
          <Group align="flex-start" wrap="wrap">
            <NativeSelect label="Affects" data={[{ value: 'tenant', label: 'one tenant' }, { value: 'plan', label: 'a plan' }, { value: 'global', label: 'every tenant' }]} value={form.scope} onChange={(e) => set('scope', e.currentTarget.value as MaintenanceForm['scope'])} error={errors['scope']} w={170} />
            {form.scope === 'tenant' && <TextInput label="Tenant id" value={form.tenantId} onChange={(e) => set('tenantId', e.currentTarget.value)} error={errors['tenantId']} w={330} />}
            {form.scope === 'plan' && <TextInput label="Plan id" value={form.planId} onChange={(e) => set('planId', e.currentTarget.value)} error={errors['planId']} w={200} />}
          </Group>
          <Checkbox label="Emergency: starts now" checked={form.emergency} onChange={(e) => set('emergency', e.currentTarget.checked)} />
          <Group align="flex-start" wrap="wrap">
            {!form.emergency && <TextInput type="datetime-local" label="Starts" value={form.startsAt} onChange={(e) => set('startsAt', e.currentTarget.value)} error={errors['startsAt']} />}
            <NumberInput label="Lasts (minutes)" min={1} max={10080} value={form.durationMinutes} onChange={(v) => set('durationMinutes', v)} error={errors['durationSeconds']} w={160} />
          </Group>
          <TextInput label="Reason" description="Shown to the affected callers" value={form.reason} onChange={(e) => set('reason', e.currentTarget.value)} error={errors['reason']} maxLength={500} />
          <ErrorAlert error={error} title="The window was not scheduled" />
          {done && (
            <Text c="teal.9" role="status">
              {done}
            </Text>
          )}
          <Group>
            <Button type="submit">Schedule</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
