/** Administration: issue API keys (the secret shown once) and revoke them. */
import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ConfirmButton, ErrorAlert } from '../components/common';
import { api, ApiKey } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';

const ROLES = ['platform-admin', 'support', 'billing', 'read-only', 'tenant-admin'];

export function AdminKeys() {
  const { can } = useSession();
  const client = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => api<{ items: ApiKey[] }>('/api-keys'), enabled: can('listApiKeys') });
  const [form, setForm] = useState({ name: '', role: 'read-only', tenantId: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  if (!can('listApiKeys')) return <Alert color="yellow">Your role may not manage API keys.</Alert>;
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    try {
      const created = await api<ApiKey & { key: string }>('/api-keys', { method: 'POST', body: { name: form.name, role: form.role, ...(form.role === 'tenant-admin' ? { tenantId: form.tenantId } : {}) } });
      setSecret({ name: created.name, key: created.key });
      setForm({ name: '', role: 'read-only', tenantId: '' });
      await client.invalidateQueries({ queryKey: ['api-keys'] });
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['name', 'role', 'tenantId']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        API keys
      </Title>
      {can('createApiKey') && (
        <form onSubmit={create} aria-label="Issue an API key" noValidate>
          <Group align="flex-start" wrap="wrap">
            <TextInput label="Key name" value={form.name} error={errors['name']} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            <Select label="Role" data={ROLES} value={form.role} error={errors['role']} allowDeselect={false} onChange={(v) => setForm({ ...form, role: v ?? 'read-only' })} />
            {form.role === 'tenant-admin' && <TextInput label="Tenant id" value={form.tenantId} error={errors['tenantId']} onChange={(e) => setForm({ ...form, tenantId: e.currentTarget.value.trim() })} />}
            <Button type="submit" mt={24}>
              Issue key
            </Button>
          </Group>
          <ErrorAlert error={error} title="The key was not issued" />
        </form>
      )}
      <ErrorAlert error={keys.error} />
      <Table striped aria-label="API keys">
        <Table.Thead>
          <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Prefix</Table.Th><Table.Th>Role</Table.Th><Table.Th>Tenant</Table.Th><Table.Th>Created</Table.Th><Table.Th>Last used</Table.Th><Table.Th>State</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.data?.items.map((k) => (
            <Table.Tr key={k.id} data-testid={`key-${k.name}`}>
              <Table.Td>{k.name}</Table.Td>
              <Table.Td>{k.prefix ?? '—'}</Table.Td>
              <Table.Td>{k.role}</Table.Td>
              <Table.Td>{k.tenantId ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(k.createdAt)}</Table.Td>
              <Table.Td>{formatDateTime(k.lastUsedAt)}</Table.Td>
              <Table.Td>{k.revokedAt ? `revoked (${k.revokedReason ?? 'revoked'})` : 'active'}</Table.Td>
              <Table.Td>
                {can('revokeApiKey') && !k.revokedAt && (
                  <ConfirmButton label="Revoke" title={`Revoke the key ${k.name}?`} onConfirm={() => api(`/api-keys/${k.id}`, { method: 'DELETE' }).then(() => client.invalidateQueries({ queryKey: ['api-keys'] }))}>
                    {`From the next request on, ${k.name} (${k.role}) is refused. This cannot be undone.`}
                  </ConfirmButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title={`Key ${secret?.name ?? ''} issued`}>
        <Stack>
          <Alert color="yellow">Copy the key now: it is shown this once and cannot be read again.</Alert>
          <Code block data-testid="new-key">
            {secret?.key}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={secret?.key ?? ''}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
            <Button onClick={() => setSecret(null)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
