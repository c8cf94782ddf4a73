/**
 * A tenant's cards: the list with the default marked, attaching one (the number goes to the payment
 * provider through the API and is never kept; billing keeps brand, last 4 and expiry) and removing
 * one behind a confirmation that names it, and making another card the default. A tenant-admin key
 * manages its own tenant's cards; a read-only key sees them and no action.
 */
import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api } from '../lib/api';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ConfirmButton, ErrorAlert } from './common';

export interface PaymentMethod {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
}

export const describeMethod = (m: PaymentMethod) => `${m.brand} •••• ${m.last4} (${String(m.expMonth).padStart(2, '0')}/${m.expYear})`;

/** The sandbox provider's test numbers (see POST /tenants/{id}/payment-methods in the API document). */
const SANDBOX_CARDS = '4242 4242 4242 4242 pays; 4000 0000 0000 0341 is declined at charge; 4000 0000 0000 9995 has insufficient funds; 4000 0000 0000 0002 is declined when attached.';
const FIELDS = ['number', 'expMonth', 'expYear', 'cvc', 'makeDefault'];
const EMPTY = { number: '', expMonth: '', expYear: '', cvc: '', makeDefault: false };

/** Sent as typed (spaces dropped), a whole number as a number: the API names what is wrong. */
const asInteger = (value: string): number | string => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim());

export function PaymentMethods({ id, methods }: { id: string; methods: PaymentMethod[] }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [attached, setAttached] = useState<string>();
  const [defaulting, setDefaulting] = useState<string>();
  const [defaultError, setDefaultError] = useState<unknown>();
  const manage = can('removePaymentMethod') || can('setDefaultPaymentMethod');
  const refresh = () => client.invalidateQueries({ queryKey: ['payment-methods', id] });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    setAttached(undefined);
    try {
      const body = { number: form.number.replace(/[\s-]/g, ''), expMonth: asInteger(form.expMonth), expYear: asInteger(form.expYear), ...(form.cvc.trim() ? { cvc: form.cvc.trim() } : {}), ...(form.makeDefault ? { makeDefault: true } : {}) };
      const method = await api<PaymentMethod>(`/tenants/${id}/payment-methods`, { method: 'POST', body });
      setForm(EMPTY);
      setAttached(`${describeMethod(method)} attached${method.isDefault ? ' as the default' : ''}.`);
      await refresh();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, FIELDS) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const makeDefault = async (m: PaymentMethod) => {
    setDefaulting(m.id);
    setDefaultError(undefined);
    try {
      await api<PaymentMethod>(`/tenants/${id}/payment-methods/${m.id}/default`, { method: 'POST' });
      await refresh();
    } catch (e) {
      setDefaultError(e);
    } finally {
      setDefaulting(undefined);
    }
  };
  return (
    <Stack gap="xs" data-testid="payment-methods">
      <Title order={3} size="h5">
        Payment methods
      </Title>
      {methods.length === 0 ? (
        <Text size="sm">None: invoices cannot be charged until a card is attached.</Text>
      ) : (
        <Table aria-label="Payment methods">
          <Table.Thead>
            <Table.Tr><Table.Th>Card</Table.Th><Table.Th>Expires</Table.Th><Table.Th>Default</Table.Th>{manage && <Table.Th>Actions</Table.Th>}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {methods.map((m) => (
              <Table.Tr key={m.id} data-testid={`payment-method-${m.last4}`}>
                <Table.Td>{m.brand} •••• {m.last4}</Table.Td>
                <Table.Td>{String(m.expMonth).padStart(2, '0')}/{m.expYear}</Table.Td>
                <Table.Td>{m.isDefault ? <Badge color="teal.9" variant="filled" autoContrast={false}>default</Badge> : '—'}</Table.Td>
                {manage && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {can('setDefaultPaymentMethod') && !m.isDefault && (
                        <Button size="xs" variant="default" loading={defaulting === m.id} disabled={defaulting !== undefined} aria-label={`Make default: ${describeMethod(m)}`} onClick={() => void makeDefault(m)}>
                          Make default
                        </Button>
                      )}
                      {can('removePaymentMethod') && (
                        <ConfirmButton label="Remove" size="xs" ariaLabel={`Remove ${describeMethod(m)}`} title={`Remove ${describeMethod(m)}?`} confirmLabel="Remove" onConfirm={() => api(`/tenants/${id}/payment-methods/${m.id}`, { method: 'DELETE' }).then(refresh)}>
                          {m.isDefault
                            ? `${describeMethod(m)} is the default: the oldest remaining card becomes the default${methods.length === 1 ? '; with none left, invoices cannot be charged' : ''}.`
                            : `${describeMethod(m)} is detached and no longer charged.`}
                        </ConfirmButton>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={defaultError} title="The default was not changed" />
      {can('addPaymentMethod') && (
        <form onSubmit={submit} aria-label="Attach a card" noValidate>
          <Stack gap="xs">
            <Group align="flex-start" wrap="wrap">
              <TextInput label="Card number" description={`Sandbox: ${SANDBOX_CARDS}`} autoComplete="off" inputMode="numeric" value={form.number} onChange={(e) => setForm({ ...form, number: e.currentTarget.value })} error={errors['number']} required w={{ base: '100%', md: 420 }} />
              <TextInput label="Expiry month" inputMode="numeric" placeholder="MM" value={form.expMonth} onChange={(e) => setForm({ ...form, expMonth: e.currentTarget.value })} error={errors['expMonth']} required w={130} />
              <TextInput label="Expiry year" inputMode="numeric" placeholder="YYYY" value={form.expYear} onChange={(e) => setForm({ ...form, expYear: e.currentTarget.value })} error={errors['expYear']} required w={130} />
              <TextInput label="CVC" autoComplete="off" inputMode="numeric" value={form.cvc} onChange={(e) => setForm({ ...form, cvc: e.currentTarget.value })} error={errors['cvc']} w={100} />
            </Group>
            <Checkbox label="Make it the default (the first card always is)" checked={form.makeDefault} onChange={(e) => setForm({ ...form, makeDefault: e.currentTarget.checked })} error={errors['makeDefault']} />
            <ErrorAlert error={error} title="The card was not attached" />
            {attached && (
              <Text size="sm" role="status">
                {attached}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={busy} variant="default">
                Attach card
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
