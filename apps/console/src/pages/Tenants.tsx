/** Tenants: search, filters, sort and cursor paging, all in the URL; the create form. */
import { Anchor, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert, StatusBadge } from '../components/common';
import { api, Page, Tenant } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';

const STATUSES = ['provisioning', 'provisioning_failed', 'trial', 'active', 'suspended', 'inactive', 'offboarding', 'deleted'];
const SORTS = [
  { value: 'createdAt', label: 'Oldest first' },
  { value: '-createdAt', label: 'Newest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
];

export function TenantsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const filters = { q: params.get('q') ?? '', status: params.get('status') ?? '', plan: params.get('plan') ?? '', sort: params.get('sort') ?? '-createdAt', cursor: params.get('cursor') ?? '' };
  const previous = (params.get('prev') ?? '').split(',').filter(Boolean);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('cursor' in changes)) {
      next.delete('cursor');
      next.delete('prev');
    }
    setParams(next);
  };
  const list = useQuery({
    queryKey: ['tenants', filters],
    queryFn: () => api<Page<Tenant>>('/tenants', { query: { ...filters, limit: 20 } }),
    placeholderData: (old) => old,
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Tenants
        </Title>
        {can('createTenant') && <Button onClick={() => setCreating(true)}>Create tenant</Button>}
      </Group>
      <Group align="flex-end" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: search.trim() });
          }}
        >
          <Group align="flex-end">
            <TextInput label="Search" description="Name, slug or domain" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maxLength={200} />
            <Button type="submit" variant="default">
              Search
            </Button>
          </Group>
        </form>
        <Select label="Status" placeholder="Any" clearable data={STATUSES} value={filters.status || null} onChange={(v) => update({ status: v ?? '' })} />
        <TextInput label="Plan" placeholder="Any" defaultValue={filters.plan} onBlur={(e) => e.currentTarget.value !== filters.plan && update({ plan: e.currentTarget.value.trim() })} onKeyDown={(e) => e.key === 'Enter' && update({ plan: e.currentTarget.value.trim() })} />
        <Select label="Sort" data={SORTS} value={filters.sort} onChange={(v) => update({ sort: v ?? '-createdAt' })} allowDeselect={false} />
      </Group>
      <ErrorAlert error={list.error} title="The tenants could not be listed" />
      <Table striped highlightOnHover aria-label="Tenants" aria-busy={list.isFetching}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Domain</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((tenant) => (
            <Table.Tr key={tenant.id}>
              <Table.Td>
                <Anchor component={Link} to={`/tenants/${tenant.id}`}>
                  {tenant.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={tenant.status} />
              </Table.Td>
              <Table.Td>{tenant.plan.id}</Table.Td>
              <Table.Td>{tenant.domain.hostname}</Table.Td>
              <Table.Td>{formatDateTime(tenant.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data && list.data.items.length === 0 && <Text>No tenant matches.</Text>}
      <Group>
        <Button variant="default" disabled={previous.length === 0 && !filters.cursor} onClick={() => update({ cursor: previous.slice(-1)[0] === '-' ? '' : (previous.slice(-1)[0] ?? ''), prev: previous.slice(0, -1).join(',') })}>
          Previous page
        </Button>
        <Button variant="default" disabled={!list.data?.nextCursor} onClick={() => update({ cursor: list.data?.nextCursor ?? '', prev: [...previous, filters.cursor || '-'].join(',') })}>
          Next page
        </Button>
      </Group>
      <CreateTenant opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

const FIELDS = ['name', 'adminEmail', 'domain', 'plan'] as const;

function CreateTenant({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [values, setValues] = useState({ name: '', adminEmail: '', domain: '', plan: 'starter' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      const tenant = await api<Tenant>('/tenants', { method: 'POST', body: values, headers: { 'idempotency-key': crypto.randomUUID() } });
      await client.invalidateQueries({ queryKey: ['tenants'] });
      onClose();
      setValues({ name: '', adminEmail: '', domain: '', plan: 'starter' });
      void navigate(`/tenants/${tenant.id}`);
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, FIELDS) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: (typeof FIELDS)[number]) => ({ value: values[name], error: errors[name], onChange: (e: { currentTarget: { value: string } }) => setValues({ ...values, [name]: e.currentTarget.value }) });
  return (
    <Modal opened={opened} onClose={onClose} title="Create a tenant">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" {...field('name')} />
          <TextInput label="Admin email" type="email" {...field('adminEmail')} />
          <TextInput label="Domain" description="A subdomain label (acme) or a custom domain (shop.example.com)" {...field('domain')} />
          <TextInput label="Plan" {...field('plan')} />
          <ErrorAlert error={error} title="The tenant was not created" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
