/** Tenants: search, filters, sort and cursor paging, all in the URL; the create dialog (short and full form). */
import { Anchor, Button, Checkbox, Fieldset, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert, StatusBadge } from '../components/common';
import { api, Page, Tenant } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { DomainKind, EMPTY_FULL_FORM, FullFormField, fullFormErrors, FullTenantForm, fullTenantBody, TrialChoice } from '../lib/tenant-form';
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
  const [tab, setTab] = useState<string | null>('short');
  const created = async (tenant: Tenant) => {
    await client.invalidateQueries({ queryKey: ['tenants'] });
    onClose();
    void navigate(`/tenants/${tenant.id}`);
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Create a tenant" size={tab === 'full' ? 'lg' : 'md'}>
      {/* keepMounted false: one form in the page at a time, so each label names one input. */}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="short">Short form</Tabs.Tab>
          <Tabs.Tab value="full">Full form</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="short">
          <ShortForm onCreated={created} onCancel={onClose} />
        </Tabs.Panel>
        <Tabs.Panel value="full">
          <FullForm onCreated={created} onCancel={onClose} />
        </Tabs.Panel>
      </Tabs>
    </Modal>
  );
}

interface FormProps {
  onCreated: (tenant: Tenant) => Promise<void>;
  onCancel: () => void;
}

/** Sends a creation with a fresh Idempotency-Key; a refusal comes back as the ApiError. */
function createTenant(body: unknown): Promise<Tenant> {
  return api<Tenant>('/tenants', { method: 'POST', body, headers: { 'idempotency-key': crypto.randomUUID() } });
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={busy}>
        Create
      </Button>
    </Group>
  );
}

/** The product description's four fields. */
function ShortForm({ onCreated, onCancel }: FormProps) {
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
      await onCreated(await createTenant(values));
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
    <form onSubmit={submit} noValidate aria-label="Create a tenant (short form)">
      <Stack>
        <TextInput label="Name" {...field('name')} />
        <TextInput label="Admin email" type="email" {...field('adminEmail')} />
        <TextInput label="Domain" description="A subdomain label (acme) or a custom domain (shop.example.com)" {...field('domain')} />
        <TextInput label="Plan" {...field('plan')} />
        <ErrorAlert error={error} title="The tenant was not created" />
        <FormButtons busy={busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

const DOMAIN_KINDS: { value: DomainKind; label: string }[] = [
  { value: 'auto', label: 'From the value' },
  { value: 'subdomain', label: 'Subdomain of the platform' },
  { value: 'custom', label: 'Custom domain' },
];
const TRIAL_CHOICES: { value: TrialChoice; label: string }[] = [
  { value: 'plan', label: "As the plan says" },
  { value: 'yes', label: 'Start with a trial' },
  { value: 'no', label: 'No trial' },
];

/** Everything `POST /tenants` takes: domain kind and TLS, a trial and its length, configuration, resources. */
function FullForm({ onCreated, onCancel }: FormProps) {
  const [form, setForm] = useState<FullTenantForm>(EMPTY_FULL_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FullTenantForm>(key: K, value: FullTenantForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    const built = fullTenantBody(form);
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    try {
      await onCreated(await createTenant(built.body));
    } catch (e) {
      const mapped = e instanceof ApiError ? fullFormErrors(e.problem) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const text = (key: 'name' | 'adminEmail' | 'domain' | 'plan' | 'theme' | 'language' | 'timezone' | 'currency', field: FullFormField) => ({
    value: form[key],
    error: errors[field],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
  });
  const number = (key: 'trialDays' | 'storage' | 'bandwidth' | 'users', field: FullFormField) => ({ value: form[key], error: errors[field], onChange: (v: number | string) => set(key, v), min: 0 });
  return (
    <form onSubmit={submit} noValidate aria-label="Create a tenant (full form)">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" {...text('name', 'name')} />
          <TextInput label="Admin email" type="email" {...text('adminEmail', 'adminEmail')} />
        </SimpleGrid>
        <Fieldset legend="Domain">
          <Stack gap="xs">
            <TextInput label="Domain" description="A subdomain label (acme) or a fully qualified domain (shop.example.com)" {...text('domain', 'domain.value')} />
            <Select label="Domain kind" data={DOMAIN_KINDS} value={form.domainKind} allowDeselect={false} error={errors['domain.type']} onChange={(v) => set('domainKind', (v ?? 'auto') as DomainKind)} />
            <Checkbox label="Issue a TLS certificate" checked={form.ssl} error={errors['domain.ssl']} onChange={(e) => set('ssl', e.currentTarget.checked)} />
          </Stack>
        </Fieldset>
        <Fieldset legend="Plan and trial">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Plan" {...text('plan', 'plan.id')} />
            <Select label="Trial" data={TRIAL_CHOICES} value={form.trial} allowDeselect={false} error={errors['plan.trial']} onChange={(v) => set('trial', (v ?? 'plan') as TrialChoice)} />
            {form.trial === 'yes' && <NumberInput label="Trial days" description="1 to 365; empty: the plan's" allowDecimal={false} {...number('trialDays', 'plan.duration')} />}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Configuration (empty: the platform's default)">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Theme" placeholder="default" {...text('theme', 'configuration.theme')} />
            <TextInput label="Language" description="BCP 47 tag" placeholder="en-GB" {...text('language', 'configuration.language')} />
            <TextInput label="Time zone" description="IANA time zone" placeholder="Europe/Paris" {...text('timezone', 'configuration.timezone')} />
            <TextInput label="Currency" description="ISO 4217 code" placeholder="EUR" {...text('currency', 'configuration.currency')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Resources (empty: the plan's)">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Storage (GB)" {...number('storage', 'resources.storage')} />
            <NumberInput label="Bandwidth (GB/month)" {...number('bandwidth', 'resources.bandwidth')} />
            <NumberInput label="Users" allowDecimal={false} {...number('users', 'resources.users')} />
          </SimpleGrid>
        </Fieldset>
        <ErrorAlert error={error} title="The tenant was not created" />
        <FormButtons busy={busy} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
