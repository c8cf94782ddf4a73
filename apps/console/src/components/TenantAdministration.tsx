/**
 * The tenant page's administration sections, as tabs (the open one in the URL, `section`):
 * configuration, users, support access (impersonation), domain and export, and name/plan.
 * Each section shows only what the key's role may call.
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Code, CopyButton, Group, NativeSelect, NumberInput, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, API_BASE, keyStore, Saga, Tenant } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ConfirmButton, ErrorAlert, StatusBadge } from './common';
import { TenantConfiguration } from './TenantConfiguration';
import { ScrollTable } from './ScrollTable';

export interface TenantUser {
  id: string;
  email: string;
  role: string;
  status: string;
  invitationExpiresAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}
export interface Impersonation {
  id: string;
  tenantId: string;
  actorKeyId: string;
  actorRole: string;
  reason: string;
  write: boolean;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}
interface TenantExport {
  tenantId: string;
  exportId: string;
  archiveUri: string;
  sha256: string;
  bytes: number;
  createdAt: string;
  retainedUntil: string;
}

const USER_ROLES = ['member', 'admin', 'viewer'];

export function TenantAdministration({ tenant, onChanged }: { tenant: Tenant; onChanged: () => void }) {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const sections = [
    { value: 'configuration', label: 'Configuration', show: can('getConfiguration') },
    { value: 'users', label: 'Users', show: can('listTenantUsers') },
    { value: 'support', label: 'Support access', show: can('listImpersonations') },
    { value: 'domain', label: 'Domain and export', show: can('getProvisioning') || can('getExport') },
    { value: 'settings', label: 'Name and plan', show: can('updateTenant') },
  ].filter((s) => s.show);
  const [first] = sections;
  if (!first) return null;
  const current = sections.find((s) => s.value === params.get('section'))?.value ?? first.value;
  return (
    <Card withBorder>
      <Tabs
        value={current}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          if (value) next.set('section', value);
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Tenant administration">
          {sections.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="configuration" pt="md">
          <TenantConfiguration id={tenant.id} editable={can('replaceConfiguration')} />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <Users tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="support" pt="md">
          <SupportAccess tenant={tenant} />
        </Tabs.Panel>
        <Tabs.Panel value="domain" pt="md">
          <DomainAndExport tenant={tenant} onChanged={onChanged} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <NameAndPlan tenant={tenant} onChanged={onChanged} />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

function Users({ tenant }: { tenant: Tenant }) {
  const { can } = useSession();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['tenant-users', tenant.id], queryFn: () => api<{ users: TenantUser[] }>(`/tenants/${tenant.id}/users`) });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('member');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [invited, setInvited] = useState<{ email: string; renewed: boolean }>();
  const refresh = () => client.invalidateQueries({ queryKey: ['tenant-users', tenant.id] });
  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setInvited(undefined);
    // Inviting someone whose invitation is pending renews it (the API answers 200 rather than 201).
    const pending = users.data?.users.some((u) => u.email === email.trim().toLowerCase() && u.status === 'invited') ?? false;
    try {
      const user = await api<TenantUser>(`/tenants/${tenant.id}/users`, { method: 'POST', body: { email: email.trim(), role } });
      setInvited({ email: user.email, renewed: pending });
      setEmail('');
      await refresh();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['email', 'role']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Stack>
      <Title order={3} size="h5">
        Users of {tenant.name}
      </Title>
      <ErrorAlert error={users.error} title="The users could not be listed" />
      <ScrollTable minWidth={560} label="Tenant users">
        <Table aria-label="Tenant users" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>E-mail</Table.Th><Table.Th>Role</Table.Th><Table.Th>Status</Table.Th><Table.Th>Last sign-in</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data?.users.map((u) => (
              <Table.Tr key={u.id} data-testid={`user-${u.email}`}>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{u.role}</Table.Td>
                <Table.Td>
                  {u.status}
                  {u.status === 'invited' && u.invitationExpiresAt ? ` (until ${formatDateTime(u.invitationExpiresAt)})` : ''}
                </Table.Td>
                <Table.Td>{formatDateTime(u.lastLoginAt)}</Table.Td>
                <Table.Td>
                  {can('disableTenantUser') && u.status !== 'disabled' && (
                    <ConfirmButton label="Disable" title={`Disable ${u.email}?`} confirmLabel="Disable" onConfirm={() => api(`/tenants/${tenant.id}/users/${u.id}`, { method: 'DELETE' }).then(refresh)}>
                      {`${u.email} can no longer sign in to ${tenant.name}${u.status === 'invited' ? ', and the invitation stops working' : ''}. The user stays listed as disabled.`}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {users.data?.users.length === 0 && <Text>No user yet.</Text>}
      {can('inviteTenantUser') && (
        <form onSubmit={invite} aria-label="Invite a user">
          <Group align="flex-start" wrap="wrap">
            <TextInput label="E-mail" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={errors['email']} required w={280} />
            <NativeSelect label="Role" data={USER_ROLES} value={role} onChange={(e) => setRole(e.currentTarget.value)} error={errors['role']} w={140} />
            <Button type="submit" mt={25}>
              Invite
            </Button>
          </Group>
          <ErrorAlert error={error} title="The invitation was not sent" />
          {invited && (
            <Text c="teal.9" role="status">
              {invited.renewed
                ? `${invited.email}: the pending invitation was renewed and sent again (the earlier link no longer works).`
                : `${invited.email} invited: the invitation is on its way by e-mail.`}
            </Text>
          )}
        </form>
      )}
    </Stack>
  );
}

function SupportAccess({ tenant }: { tenant: Tenant }) {
  const { can, caller } = useSession();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['impersonations', tenant.id], queryFn: () => api<{ items: Impersonation[] }>(`/tenants/${tenant.id}/impersonations`), refetchInterval: 30_000 });
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | string>(15);
  const [write, setWrite] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [token, setToken] = useState<string>();
  const refresh = () => client.invalidateQueries({ queryKey: ['impersonations', tenant.id] });
  const now = Date.now();
  const active = (i: Impersonation) => !i.revokedAt && new Date(i.expiresAt).getTime() > now;
  const start = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setToken(undefined);
    try {
      const created = await api<Impersonation & { token: string }>(`/tenants/${tenant.id}/impersonations`, { method: 'POST', body: { reason: reason.trim(), ttlMinutes: Number(minutes), write } });
      setToken(created.token);
      setReason('');
      setWrite(false);
      await refresh();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['reason', 'ttlMinutes', 'write']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={3} size="h5">
        Support access to {tenant.name}
      </Title>
      <Text size="sm">An impersonation acts as the tenant&apos;s admin for a while; every call made with it is audited with both identities, and the tenant&apos;s admins are told.</Text>
      <ErrorAlert error={list.error} title="The impersonations could not be listed" />
      <ScrollTable minWidth={620} label="Impersonations">
        <Table aria-label="Impersonations">
          <Table.Thead>
            <Table.Tr><Table.Th>State</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Access</Table.Th><Table.Th>By</Table.Th><Table.Th>Started</Table.Th><Table.Th>Until</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id} data-testid={`impersonation-${i.id}`}>
                <Table.Td>{active(i) ? <Badge color="blue.9" autoContrast={false}>active</Badge> : i.revokedAt ? 'revoked' : 'expired'}</Table.Td>
                <Table.Td>{i.reason}</Table.Td>
                <Table.Td>{i.write ? 'read and write' : 'read-only'}</Table.Td>
                <Table.Td>
                  {i.actorRole} ({i.actorKeyId.slice(0, 8)})
                </Table.Td>
                <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(i.revokedAt ?? i.expiresAt)}</Table.Td>
                <Table.Td>
                  {can('revokeImpersonation') && active(i) && (
                    <ConfirmButton label="Revoke" title={`Revoke the impersonation of ${tenant.name}?`} confirmLabel="Revoke" onConfirm={() => api(`/impersonations/${i.id}`, { method: 'DELETE' }).then(refresh)}>
                      {`The credential for "${i.reason}" stops working at once.`}
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {list.data && items.length === 0 && <Text>No impersonation yet.</Text>}
      {token && (
        <Alert color="blue" title="Impersonation started: copy the credential now, it is not shown again" role="status">
          <Stack gap="xs">
            <Code data-testid="impersonation-token" style={{ wordBreak: 'break-all' }}>
              {token}
            </Code>
            <Group>
              <CopyButton value={token}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
              <Button size="xs" variant="default" onClick={() => setToken(undefined)}>
                Done
              </Button>
            </Group>
            <Text size="xs">Sign in to this console with it to see the tenant as its admin does.</Text>
          </Stack>
        </Alert>
      )}
      {can('createImpersonation') && caller?.role !== 'tenant-admin' && (
        <form onSubmit={start} aria-label="Start an impersonation">
          <Stack gap="xs">
            <TextInput label="Reason" description="Kept with the impersonation and shown to the tenant's admins" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors['reason']} required maxLength={500} />
            <Group align="flex-start" wrap="wrap">
              <NumberInput label="Lifetime (minutes)" min={1} max={60} value={minutes} onChange={setMinutes} error={errors['ttlMinutes']} w={170} />
              {caller?.role === 'platform-admin' && <Checkbox mt={32} label="Write access" checked={write} onChange={(e) => setWrite(e.currentTarget.checked)} />}
            </Group>
            <ErrorAlert error={error} title="The impersonation was not started" />
            <Group>
              <Button type="submit">Start impersonation</Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

const STEP_WORDS: Record<string, string> = { domain: 'Domain route and certificate' };

function DomainAndExport({ tenant, onChanged }: { tenant: Tenant; onChanged: () => void }) {
  const { can } = useSession();
  const saga = useQuery({ queryKey: ['provisioning', tenant.id, tenant.status], queryFn: () => api<Saga>(`/tenants/${tenant.id}/provisioning`), enabled: can('getProvisioning'), retry: false });
  const domainStep = saga.data?.kind === 'provision' ? saga.data.steps.find((s) => s.name === 'domain') : undefined;
  const [verifyError, setVerifyError] = useState<unknown>();
  const [verified, setVerified] = useState(false);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setVerifyError(undefined);
    setVerified(false);
    try {
      await api(`/tenants/${tenant.id}/domain/verify`, { method: 'POST', body: {} });
      setVerified(true);
      onChanged();
    } catch (e) {
      setVerifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Title order={3} size="h5">
        Domain and certificate
      </Title>
      <Table aria-label="Domain">
        <Table.Tbody>
          <Table.Tr><Table.Th>Host name</Table.Th><Table.Td>{tenant.domain.hostname}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Kind</Table.Th><Table.Td>{tenant.domain.type === 'custom' ? 'custom domain (verified by a DNS TXT record)' : 'subdomain of the platform'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>TLS certificate</Table.Th><Table.Td>{tenant.domain.ssl ? 'issued with the domain route' : 'none (plain HTTP)'}</Table.Td></Table.Tr>
          {domainStep && (
            <Table.Tr>
              <Table.Th>{STEP_WORDS['domain']}</Table.Th>
              <Table.Td>
                <StatusBadge status={domainStep.status} /> {domainStep.error ? domainStep.error : ''}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {tenant.domain.type === 'custom' && can('verifyDomain') && (
        <Stack gap="xs">
          <Text size="sm">
            Publish a TXT record <Code>_tenantry-verify.{tenant.domain.hostname}</Code> with the token, then verify; the provisioning waiting for it goes on.
          </Text>
          <Group>
            <Button onClick={() => void verify()} loading={busy}>
              Verify the domain
            </Button>
          </Group>
          <ErrorAlert error={verifyError} title="The domain is not verified yet" />
          {verified && (
            <Text c="teal.9" role="status">
              {tenant.domain.hostname} is verified.
            </Text>
          )}
        </Stack>
      )}
      {can('getExport') && <Export tenant={tenant} />}
    </Stack>
  );
}

function Export({ tenant }: { tenant: Tenant }) {
  const offboarding = ['offboarding', 'deleted'].includes(tenant.status);
  const exported = useQuery({
    queryKey: ['export', tenant.id, tenant.status],
    queryFn: () => api<TenantExport>(`/tenants/${tenant.id}/export`),
    retry: false,
    // The archive is written by the offboarding saga's first step: poll until it is there.
    refetchInterval: (q) => (tenant.status === 'offboarding' && !q.state.data ? 2000 : false),
    enabled: offboarding,
  });
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<unknown>();
  // The archive needs the key in a header: streamed here with progress, then handed to the browser as a file.
  const download = async (info: TenantExport) => {
    setError(undefined);
    setProgress(0);
    try {
      const response = await fetch(`${API_BASE}/tenants/${tenant.id}/export?download=true`, { headers: { authorization: `Bearer ${keyStore.get() ?? ''}` } });
      if (!response.ok || !response.body) throw new ApiError(response.status, await response.json().catch(() => ({})));
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setProgress(Math.min(100, Math.round((received / Math.max(info.bytes, 1)) * 100)));
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/gzip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${tenant.slug}-export-${info.exportId}.tar.gz`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress(100);
    } catch (e) {
      setError(e);
      setProgress(undefined);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Data export
      </Title>
      {!offboarding && <Text size="sm">The export archive is made when the tenant is deleted (offboarding exports its data first); it can then be downloaded here until it expires.</Text>}
      {offboarding && exported.isPending && <Text size="sm" role="status">Waiting for the export archive…</Text>}
      {exported.error instanceof ApiError && exported.error.status === 404 ? (
        <Text size="sm" role="status">{tenant.status === 'offboarding' ? 'The export is being written…' : 'No export archive is kept for this tenant.'}</Text>
      ) : (
        <ErrorAlert error={exported.error} title="The export could not be read" />
      )}
      {exported.data && (
        <>
          <Table aria-label="Export archive">
            <Table.Tbody>
              <Table.Tr><Table.Th>Archive</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{exported.data.archiveUri}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Size</Table.Th><Table.Td>{exported.data.bytes.toLocaleString('en')} bytes</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>SHA-256</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{exported.data.sha256}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Made</Table.Th><Table.Td>{formatDateTime(exported.data.createdAt)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Kept until</Table.Th><Table.Td>{formatDateTime(exported.data.retainedUntil)}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
          <Group>
            <Button onClick={() => exported.data && void download(exported.data)} loading={progress !== undefined && progress < 100}>
              Download the archive
            </Button>
            {progress !== undefined && <Text size="sm" role="status">{progress < 100 ? `Downloading… ${progress}%` : 'Downloaded.'}</Text>}
          </Group>
        </>
      )}
      <ErrorAlert error={error} title="The archive could not be downloaded" />
    </Stack>
  );
}

function NameAndPlan({ tenant, onChanged }: { tenant: Tenant; onChanged: () => void }) {
  const { caller, can } = useSession();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api<{ plans?: { id: string; name?: string }[]; items?: { id: string; name?: string }[] }>('/plans'), enabled: can('listPlans'), retry: false });
  const planOptions = (plans.data?.plans ?? plans.data?.items ?? []).map((p) => p.id);
  const [name, setName] = useState(tenant.name);
  const [plan, setPlan] = useState(tenant.plan.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  // A tenant-admin key may change the name only (the API refuses the rest).
  const planEditable = caller?.role !== 'tenant-admin';
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setSaved(false);
    const body: Record<string, unknown> = {};
    if (name.trim() !== tenant.name) body['name'] = name.trim();
    if (planEditable && plan.trim() !== tenant.plan.id) body['plan'] = { id: plan.trim() };
    if (Object.keys(body).length === 0) {
      setError(new Error('Nothing changed.'));
      return;
    }
    try {
      await api(`/tenants/${tenant.id}`, { method: 'PUT', body, headers: { 'if-match': `W/"${tenant.version}"` } });
      setSaved(true);
      onChanged();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['name', 'plan']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <form onSubmit={save} aria-label="Name and plan">
      <Stack gap="xs" maw={420}>
        <TextInput label="Tenant name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['name']} required />
        {planEditable &&
          (planOptions.length > 0 ? (
            <NativeSelect label="Plan" data={planOptions.includes(plan) ? planOptions : [plan, ...planOptions]} value={plan} onChange={(e) => setPlan(e.currentTarget.value)} error={errors['plan']} />
          ) : (
            <TextInput label="Plan" value={plan} onChange={(e) => setPlan(e.currentTarget.value)} error={errors['plan']} />
          ))}
        {error instanceof ApiError && error.status === 412 ? (
          <Alert color="red" role="alert" title="Changed meanwhile">
            Someone changed {tenant.name} while you edited it; nothing was saved. <Anchor component="button" type="button" onClick={onChanged}>Reload</Anchor> and try again.
          </Alert>
        ) : (
          <ErrorAlert error={error} title="The tenant was not changed" />
        )}
        {saved && (
          <Text c="teal.9" role="status">
            Saved.
          </Text>
        )}
        <Group>
          <Button type="submit">Save name and plan</Button>
        </Group>
      </Stack>
    </form>
  );
}
