/**
 * Bulk operations: a selection of tenants and one action, previewed by a dry run, then run as a job
 * whose progress is polled (the job in the URL, `job`), cancellable, with per-tenant results.
 */
import { Alert, Anchor, Button, Card, Code, Group, NativeSelect, Progress, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ConfirmButton, ErrorAlert, StatusBadge } from '../components/common';
import { BULK_ACTIONS, BULK_FIELD_ALIASES, BULK_FORM_FIELDS, BulkActionType, BulkJobForm, buildBulkJobRequest, describeSelection, EMPTY_BULK_FORM } from '../lib/admin-forms';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ScrollTable } from '../components/ScrollTable';

interface DryRun {
  dryRun: true;
  total: number;
  items: { tenantId: string; wouldSucceed: boolean; result?: Record<string, unknown>; error?: Record<string, unknown> }[];
}
interface BulkJob {
  id: string;
  status: 'running' | 'completed' | 'cancelled';
  action: Record<string, unknown> & { type: string };
  actor: string;
  createdAt: string;
  finishedAt: string | null;
  progress: { total: number; pending: number; succeeded: number; failed: number; cancelled: number; done: number };
  items?: { tenantId: string; status: string; result: Record<string, unknown> | null; error: Record<string, unknown> | null; at: string | null }[];
}

const TENANT_STATUSES = ['', 'active', 'trial', 'suspended', 'inactive', 'provisioning', 'provisioning_failed'];

function problemText(error: Record<string, unknown> | null | undefined): string {
  if (!error) return '—';
  return String(error['detail'] ?? error['title'] ?? JSON.stringify(error));
}

export function BulkJobsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  if (!can('startBulkJob') && !can('getBulkJob')) return <Alert color="yellow">Your role may not run bulk operations.</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        Bulk operations
      </Title>
      {jobId && can('getBulkJob') && <JobProgress id={jobId} />}
      {can('startBulkJob') && <NewJob onStarted={(id) => setParams({ job: id })} />}
    </Stack>
  );
}

function NewJob({ onStarted }: { onStarted: (id: string) => void }) {
  const [form, setForm] = useState<BulkJobForm>(EMPTY_BULK_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [preview, setPreview] = useState<DryRun>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof BulkJobForm>(key: K, value: BulkJobForm[K]) => {
    setForm({ ...form, [key]: value });
    setPreview(undefined);
  };
  const send = async (dryRun: boolean) => {
    setErrors({});
    setError(undefined);
    const built = buildBulkJobRequest(form, dryRun);
    if (!built.ok) {
      setErrors(built.errors);
      throw new Error('Some fields need fixing first.');
    }
    try {
      const answer = await api<DryRun | BulkJob>('/bulk-jobs', { method: 'POST', body: built.body });
      if (dryRun) setPreview(answer as DryRun);
      else onStarted((answer as BulkJob).id);
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, BULK_FORM_FIELDS, BULK_FIELD_ALIASES) : {};
      setErrors(mapped);
      throw e;
    }
  };
  const dryRun = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setPreview(undefined);
    try {
      await send(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const a = form.action;
  return (
    <Card withBorder>
      <form onSubmit={dryRun} aria-label="New bulk job">
        <Stack gap="sm">
          <Title order={2} size="h4">
            New bulk job
          </Title>
          <SegmentedControl
            aria-label="Select tenants by"
            data={[
              { value: 'filter', label: 'A filter' },
              { value: 'list', label: 'A list of tenant ids' },
            ]}
            value={form.selectionMode}
            onChange={(v) => set('selectionMode', v as BulkJobForm['selectionMode'])}
            maw={360}
          />
          {form.selectionMode === 'filter' ? (
            <Group align="flex-start" wrap="wrap">
              <NativeSelect label="Status" data={TENANT_STATUSES.map((s) => ({ value: s, label: s || 'any' }))} value={form.status} onChange={(e) => set('status', e.currentTarget.value)} error={errors['status']} w={180} />
              <TextInput label="Plan" value={form.plan} onChange={(e) => set('plan', e.currentTarget.value)} error={errors['plan']} w={160} />
              <TextInput label="Name or domain contains" value={form.q} onChange={(e) => set('q', e.currentTarget.value)} error={errors['q']} w={240} />
            </Group>
          ) : (
            <Textarea label="Tenant ids" description="One per line, or separated by commas" autosize minRows={2} value={form.tenantIds} onChange={(e) => set('tenantIds', e.currentTarget.value)} error={errors['tenantIds']} />
          )}
          <NativeSelect label="Action" data={[...BULK_ACTIONS]} value={a} onChange={(e) => set('action', e.currentTarget.value as BulkActionType)} error={errors['action']} maw={280} />
          {a === 'change-plan' && <TextInput label="New plan" value={form.targetPlan} onChange={(e) => set('targetPlan', e.currentTarget.value)} error={errors['targetPlan']} maw={280} />}
          {a === 'set-limits' && <Textarea label="Limits (JSON, as on the limits form)" autosize minRows={3} styles={{ input: { fontFamily: 'monospace' } }} value={form.limits} onChange={(e) => set('limits', e.currentTarget.value)} error={errors['limits']} />}
          {a === 'patch-configuration' && <Textarea label="Configuration merge patch (JSON)" autosize minRows={3} styles={{ input: { fontFamily: 'monospace' } }} value={form.patch} onChange={(e) => set('patch', e.currentTarget.value)} error={errors['patch']} />}
          {(a === 'suspend' || a === 'schedule-maintenance') && <TextInput label="Reason" value={form.reason} onChange={(e) => set('reason', e.currentTarget.value)} error={errors['reason']} maxLength={500} />}
          {a === 'schedule-maintenance' && (
            <Group align="flex-start" wrap="wrap">
              <TextInput type="datetime-local" label="Starts (empty: now)" value={form.startsAt} onChange={(e) => set('startsAt', e.currentTarget.value)} error={errors['startsAt']} />
              <TextInput type="datetime-local" label="Ends" value={form.endsAt} onChange={(e) => set('endsAt', e.currentTarget.value)} error={errors['endsAt']} />
            </Group>
          )}
          {a === 'notify-admins' && (
            <>
              <TextInput label="Subject" value={form.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors['subject']} />
              <Textarea label="Message" autosize minRows={3} value={form.message} onChange={(e) => set('message', e.currentTarget.value)} error={errors['message']} />
            </>
          )}
          <ErrorAlert error={error} title="The bulk job was not accepted" />
          <Group>
            <Button type="submit" loading={busy}>
              Dry run
            </Button>
            {preview && preview.total > 0 && (
              <ConfirmButton label="Start the job" color="blue" title={`Run ${a} on ${preview.total} tenant${preview.total === 1 ? '' : 's'}?`} confirmLabel="Start" onConfirm={() => send(false)}>
                {`${a} runs on ${describeSelection(form)} (${preview.total} now). Tenants already done stay done if you cancel it.`}
              </ConfirmButton>
            )}
          </Group>
          {preview && <DryRunTable preview={preview} />}
        </Stack>
      </form>
    </Card>
  );
}

function DryRunTable({ preview }: { preview: DryRun }) {
  const failing = preview.items.filter((i) => !i.wouldSucceed).length;
  return (
    <Stack gap="xs">
      <Text role="status" fw={600}>
        Dry run: {preview.total} tenant{preview.total === 1 ? '' : 's'} selected, {preview.total - failing} would change, {failing} would fail. Nothing was changed.
      </Text>
      <ScrollTable minWidth={560} label="Dry run">
        <Table aria-label="Dry run" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Would</Table.Th><Table.Th>What would change</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.items.map((item) => (
              <Table.Tr key={item.tenantId}>
                <Table.Td>
                  <Anchor component={Link} to={`/tenants/${item.tenantId}`}>
                    {item.tenantId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{item.wouldSucceed ? 'succeed' : 'fail'}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{item.wouldSucceed ? <Code>{JSON.stringify(item.result ?? {})}</Code> : problemText(item.error)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

function JobProgress({ id }: { id: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  // Polled every second while it runs (the SSE stream needs the key in a header EventSource cannot send).
  const job = useQuery({ queryKey: ['bulk-job', id], queryFn: () => api<BulkJob>(`/bulk-jobs/${id}`), refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false), retry: false });
  if (job.error) return <ErrorAlert error={job.error} title="The bulk job could not be read" />;
  if (!job.data) return <Text>Loading the job…</Text>;
  const j = job.data;
  const percent = j.progress.total === 0 ? 100 : Math.round((j.progress.done / j.progress.total) * 100);
  return (
    <Card withBorder data-testid="bulk-job">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            Job {j.action.type} <StatusBadge status={j.status === 'completed' ? 'succeeded' : j.status} />
          </Title>
          {can('cancelBulkJob') && j.status === 'running' && (
            <ConfirmButton label="Cancel the job" title={`Cancel the ${j.action.type} job?`} confirmLabel="Cancel the job" onConfirm={() => api(`/bulk-jobs/${id}/cancel`, { method: 'POST', body: {} }).then(() => client.invalidateQueries({ queryKey: ['bulk-job', id] }))}>
              {`Tenants not yet worked on (${j.progress.pending}) are left alone; the ${j.progress.succeeded + j.progress.failed} done stay done.`}
            </ConfirmButton>
          )}
        </Group>
        <Text size="sm">
          Started {formatDateTime(j.createdAt)} by {j.actor}
          {j.finishedAt ? `, finished ${formatDateTime(j.finishedAt)}` : ''}. Id {j.id}.
        </Text>
        <Progress value={percent} aria-label="Bulk job progress" size="lg" />
        <Text role="status" size="sm">
          {j.progress.done} of {j.progress.total} done: {j.progress.succeeded} succeeded, {j.progress.failed} failed, {j.progress.cancelled} cancelled, {j.progress.pending} pending.
        </Text>
        <ScrollTable minWidth={560} label="Bulk job results">
          <Table aria-label="Bulk job results">
            <Table.Thead>
              <Table.Tr><Table.Th>Tenant</Table.Th><Table.Th>Status</Table.Th><Table.Th>Result</Table.Th><Table.Th>When</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {j.items?.map((item) => (
                <Table.Tr key={item.tenantId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tenants/${item.tenantId}`}>
                      {item.tenantId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{item.error ? problemText(item.error) : item.result ? <Code>{JSON.stringify(item.result)}</Code> : '—'}</Table.Td>
                  <Table.Td>{formatDateTime(item.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Card>
  );
}
