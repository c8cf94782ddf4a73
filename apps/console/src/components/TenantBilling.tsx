/**
 * A tenant's billing: summary (MRR, outstanding), subscription and plan change, payment methods,
 * payment and dunning state with the ladder's steps, invoices with their lines, credit notes and
 * PDF, and the billing actions the role may take (retry payment, void, credit note), each behind a
 * confirmation and sent with an Idempotency-Key so a retried click never charges twice.
 */
import { Badge, Button, Card, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, Fragment, useRef, useState } from 'react';
import { api, API_BASE, keyStore, newIdempotencyKey } from '../lib/api';
import { formatDateTime, formatMoney } from '../lib/format';
import { Plan } from '../lib/plans';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ScrollTable } from './charts';
import { ConfirmButton, ErrorAlert, StatusBadge } from './common';
import { PaymentMethod, PaymentMethods } from './PaymentMethods';

interface Subscription {
  planId: string;
  planVersion: number;
  status: string;
  currency: string;
  taxRate: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialEndsAt: string | null;
  pendingChange: { planId: string; effectiveAt: string } | null;
}
interface Dunning {
  state: string;
  daysOverdue: number;
  overdueInvoiceIds: string[];
  episode: { overdueSince: string; openedAt: string; closedAt: string | null; steps: { step: string; daysOverdue: number; takenAt: string }[] } | null;
  nextStep: { step: string; days: number; dueAt: string } | null;
}
interface Summary {
  mrr: string;
  currency: string;
  outstanding: string;
  unpaidInvoices: number;
  overdueDays: number;
  canceled: boolean;
}
interface Invoice {
  id: string;
  number: string | null;
  status: string;
  paymentStatus: string | null;
  periodStart: string;
  periodEnd: string;
  currency: string;
  lines: { kind: string; description: string; quantity: string; amount: string }[];
  subtotal: string;
  tax: string;
  total: string;
  dueAt: string | null;
  voidedAt: string | null;
  creditNotes: { id: string; number: string; method: string; amount: string }[];
}

const notFound = (error: unknown) => error instanceof ApiError && error.status === 404;
const money = (amount: string, currency: string) => formatMoney({ amount, currency });
const PAYMENT_COLOURS: Record<string, string> = { succeeded: 'teal.9', failed: 'red.9', pending: '#8a4b00' };

export function PaymentBadge({ status }: { status: string | null }) {
  if (!status) return <Text span>—</Text>;
  return (
    <Badge color={PAYMENT_COLOURS[status] ?? 'gray.7'} variant="filled" autoContrast={false} data-testid="payment-status">
      {status === 'succeeded' ? 'paid' : status}
    </Badge>
  );
}

export function TenantBilling({ id, canSubscription, canDunning, canInvoices, canPdf }: { id: string; canSubscription: boolean; canDunning: boolean; canInvoices: boolean; canPdf: boolean }) {
  const { can } = useSession();
  const client = useQueryClient();
  const subscription = useQuery({ queryKey: ['subscription', id], queryFn: () => api<Subscription>(`/tenants/${id}/subscription`), enabled: canSubscription, retry: false });
  const dunning = useQuery({ queryKey: ['dunning', id], queryFn: () => api<Dunning>(`/tenants/${id}/dunning`), enabled: canDunning, retry: false });
  const invoices = useQuery({ queryKey: ['invoices', id], queryFn: () => api<{ invoices: Invoice[] }>(`/tenants/${id}/invoices`), enabled: canInvoices, retry: false });
  const summary = useQuery({ queryKey: ['billing-summary', id], queryFn: () => api<Summary>(`/tenants/${id}/billing-summary`), enabled: can('getBillingSummary'), retry: false });
  const methods = useQuery({ queryKey: ['payment-methods', id], queryFn: () => api<{ paymentMethods: PaymentMethod[] }>(`/tenants/${id}/payment-methods`), enabled: can('listPaymentMethods'), retry: false });
  const [pdfError, setPdfError] = useState<unknown>();
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const refresh = () => client.invalidateQueries({ predicate: (q) => Array.isArray(q.queryKey) && q.queryKey.includes(id) });
  // The PDF needs the key in a header: fetched here, then handed to the browser as a file.
  const download = async (invoice: Invoice) => {
    setPdfError(undefined);
    const response = await fetch(`${API_BASE}/invoices/${invoice.id}/pdf`, { headers: { authorization: `Bearer ${keyStore.get() ?? ''}` } });
    if (!response.ok) {
      setPdfError(new ApiError(response.status, await response.json().catch(() => ({}))));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `${invoice.number ?? invoice.id}.pdf`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const s = subscription.data;
  const billingDown = subscription.error instanceof ApiError && subscription.error.status >= 500;
  const defaultMethod = methods.data?.paymentMethods.find((m) => m.isDefault);
  return (
    <Card withBorder data-testid="tenant-billing">
      <Stack>
        <Title order={2} size="h4">
          Billing
        </Title>
        {notFound(subscription.error) ? <Text>No subscription.</Text> : <ErrorAlert error={subscription.error} title="The subscription could not be read" />}
        {summary.data && (
          <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="billing-summary">
            {[
              ['MRR', summary.data.canceled ? `${money(summary.data.mrr, summary.data.currency)} (canceled)` : money(summary.data.mrr, summary.data.currency)],
              ['Outstanding', money(summary.data.outstanding, summary.data.currency)],
              ['Unpaid invoices', String(summary.data.unpaidInvoices)],
              ['Days past due', String(summary.data.overdueDays)],
            ].map(([label, value]) => (
              <div key={label}>
                <Text size="sm">{label}</Text>
                <Text fw={700}>{value}</Text>
              </div>
            ))}
          </SimpleGrid>
        )}
        {s && (
          <Group gap="xl" wrap="wrap" data-testid="subscription">
            <Text component="div">
              Plan <b>{s.planId}</b> (version {s.planVersion}) <StatusBadge status={s.status} />
            </Text>
            <Text>
              Period {formatDateTime(s.currentPeriodStart)} – {formatDateTime(s.currentPeriodEnd)}
            </Text>
            <Text>
              {s.currency}, tax {Number(s.taxRate) * 100} %
            </Text>
            {s.trialEndsAt && <Text>Trial until {formatDateTime(s.trialEndsAt)}</Text>}
            {s.pendingChange && (
              <Text>
                Changes to {s.pendingChange.planId} on {formatDateTime(s.pendingChange.effectiveAt)}
              </Text>
            )}
            {can('updateSubscription') && can('listPlans') && s.status !== 'canceled' && <ChangePlan id={id} current={s.planId} onChanged={refresh} />}
          </Group>
        )}
        {methods.data && <PaymentMethods id={id} methods={methods.data.paymentMethods} />}
        {!billingDown && <ErrorAlert error={methods.error} title="The payment methods could not be read" />}
        {dunning.data && <DunningState dunning={dunning.data} />}
        {/* When billing is down, the subscription's error says so once. */}
        {!billingDown && !notFound(dunning.error) && <ErrorAlert error={dunning.error} title="The dunning state could not be read" />}
        {!billingDown && !notFound(invoices.error) && <ErrorAlert error={invoices.error} title="The invoices could not be read" />}
        <ErrorAlert error={pdfError} title="The PDF could not be downloaded" />
        {invoices.data && invoices.data.invoices.length > 0 && (
          <ScrollTable label="Invoices" minWidth={860} nowrap>
            <Table.Thead>
              <Table.Tr><Table.Th>Number</Table.Th><Table.Th>Period</Table.Th><Table.Th>Status</Table.Th><Table.Th>Payment</Table.Th><Table.Th>Total</Table.Th><Table.Th>Due</Table.Th><Table.Th>Actions</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoices.data.invoices.map((invoice) => {
                const name = invoice.number ?? `the draft of ${invoice.periodStart.slice(0, 7)}`;
                return (
                  <Fragment key={invoice.id}>
                    <Table.Tr data-testid={`invoice-${invoice.number ?? invoice.id}`}>
                      <Table.Td>{invoice.number ?? 'draft'}</Table.Td>
                      <Table.Td>{invoice.periodStart.slice(0, 10)} – {invoice.periodEnd.slice(0, 10)}</Table.Td>
                      <Table.Td><StatusBadge status={invoice.status} /></Table.Td>
                      <Table.Td><PaymentBadge status={invoice.paymentStatus} /></Table.Td>
                      <Table.Td>{money(invoice.total, invoice.currency)}</Table.Td>
                      <Table.Td>{formatDateTime(invoice.dueAt)}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" aria-expanded={Boolean(open[invoice.id])} aria-label={`Lines of ${name}`} onClick={() => setOpen({ ...open, [invoice.id]: !open[invoice.id] })}>
                            Lines
                          </Button>
                          {canPdf && invoice.number && (
                            <Button size="xs" variant="default" onClick={() => void download(invoice)} aria-label={`Download the PDF of ${invoice.number}`}>
                              PDF
                            </Button>
                          )}
                          <InvoiceActions invoice={invoice} defaultMethod={defaultMethod} onDone={refresh} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {open[invoice.id] && (
                      <Table.Tr>
                        <Table.Td colSpan={7}>
                          <InvoiceLines invoice={invoice} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        )}
        {invoices.data && invoices.data.invoices.length === 0 && <Text>No invoice yet.</Text>}
      </Stack>
    </Card>
  );
}

function DunningState({ dunning }: { dunning: Dunning }) {
  return (
    <Stack gap={4} data-testid="dunning">
      <Text>
        Dunning: <b>{dunning.state === 'none' ? 'never overdue' : dunning.state}</b>
        {dunning.daysOverdue > 0 ? `, ${dunning.daysOverdue} days overdue (${dunning.overdueInvoiceIds.length} invoices)` : ''}
        {dunning.nextStep ? `; next step: ${dunning.nextStep.step} on ${formatDateTime(dunning.nextStep.dueAt)} (day ${dunning.nextStep.days})` : ''}
      </Text>
      {dunning.episode && dunning.episode.steps.length > 0 && (
        <List size="sm" aria-label="Dunning steps taken">
          {dunning.episode.steps.map((step) => (
            <List.Item key={step.step}>
              {step.step} on {formatDateTime(step.takenAt)} (day {step.daysOverdue})
            </List.Item>
          ))}
          {dunning.episode.closedAt && <List.Item>cleared on {formatDateTime(dunning.episode.closedAt)}</List.Item>}
        </List>
      )}
    </Stack>
  );
}

function InvoiceLines({ invoice }: { invoice: Invoice }) {
  return (
    <Stack gap={4}>
      <Table aria-label={`Lines of ${invoice.number ?? 'the draft'}`}>
        <Table.Thead>
          <Table.Tr><Table.Th>Line</Table.Th><Table.Th>Kind</Table.Th><Table.Th>Quantity</Table.Th><Table.Th>Amount</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((line, i) => (
            <Table.Tr key={i}>
              <Table.Td>{line.description}</Table.Td><Table.Td>{line.kind}</Table.Td><Table.Td>{line.quantity}</Table.Td><Table.Td>{money(line.amount, invoice.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Subtotal {money(invoice.subtotal, invoice.currency)}, tax {money(invoice.tax, invoice.currency)}, total <b>{money(invoice.total, invoice.currency)}</b>
      </Text>
      {invoice.creditNotes.length > 0 && (
        <Text size="sm">Credit notes: {invoice.creditNotes.map((c) => `${c.number} (${c.method}, ${money(c.amount, invoice.currency)})`).join('; ')}</Text>
      )}
      {invoice.voidedAt && <Text size="sm">Voided {formatDateTime(invoice.voidedAt)}: not collected.</Text>}
    </Stack>
  );
}

/** Retry payment, void and credit note, as the role may and the invoice's state allows. */
function InvoiceActions({ invoice, defaultMethod, onDone }: { invoice: Invoice; defaultMethod: PaymentMethod | undefined; onDone: () => unknown }) {
  const { can } = useSession();
  // One key per intent: kept across retries of the same dialog, renewed once the action went through.
  const payKey = useRef(newIdempotencyKey());
  const voidKey = useRef(newIdempotencyKey());
  if (invoice.status !== 'finalized' || !invoice.number) return null;
  const unpaid = invoice.paymentStatus !== 'succeeded' && Number(invoice.total) > 0;
  const total = money(invoice.total, invoice.currency);
  return (
    <>
      {can('payInvoice') && unpaid && (
        <ConfirmButton
          label="Retry payment"
          ariaLabel={`Retry payment of ${invoice.number}`}
          size="xs"
          color="blue"
          title={`Charge ${total} for ${invoice.number}?`}
          confirmLabel="Charge"
          onConfirm={() =>
            api(`/invoices/${invoice.id}/pay`, { method: 'POST', body: {}, headers: { 'idempotency-key': payKey.current } }).then(() => {
              payKey.current = newIdempotencyKey();
              return onDone();
            })
          }
        >
          {defaultMethod ? `The tenant's default card (${defaultMethod.brand} •••• ${defaultMethod.last4}) is charged ${total}; the provider confirms shortly.` : 'The tenant has no default payment method: billing will refuse the charge.'}
        </ConfirmButton>
      )}
      {can('voidInvoice') && invoice.paymentStatus !== 'succeeded' && (
        <ConfirmButton
          label="Void"
          ariaLabel={`Void ${invoice.number}`}
          size="xs"
          title={`Void ${invoice.number}?`}
          typeToConfirm={invoice.number}
          onConfirm={() =>
            api(`/invoices/${invoice.id}/void`, { method: 'POST', body: {}, headers: { 'idempotency-key': voidKey.current } }).then(() => {
              voidKey.current = newIdempotencyKey();
              return onDone();
            })
          }
        >
          {`${invoice.number} (${total}) keeps its number but is no longer collected or payable. This cannot be undone.`}
        </ConfirmButton>
      )}
      {can('issueCreditNote') && <CreditNoteButton invoice={invoice} onDone={onDone} />}
    </>
  );
}

const REASONS = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other'];

function CreditNoteButton({ invoice, onDone }: { invoice: Invoice; onDone: () => unknown }) {
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState({ reason: 'other', amount: '', method: 'credit', memo: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const paid = invoice.paymentStatus === 'succeeded';
  const close = () => {
    setOpened(false);
    setErrors({});
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      await api(`/invoices/${invoice.id}/credit-notes`, { method: 'POST', body: { reason: form.reason, amount: form.amount.trim(), method: form.method, ...(form.memo.trim() ? { memo: form.memo.trim() } : {}) }, headers: { 'idempotency-key': key.current } });
      key.current = newIdempotencyKey();
      setForm({ reason: 'other', amount: '', method: 'credit', memo: '' });
      close();
      await onDone();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['reason', 'amount', 'method', 'memo']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)} aria-label={`Credit note against ${invoice.number}`}>
        Credit note
      </Button>
      <Modal opened={opened} onClose={close} title={`Credit note against ${invoice.number}`}>
        <form onSubmit={submit} aria-label="Credit note">
          <Stack>
            <Text size="sm">Invoice total {money(invoice.total, invoice.currency)}; a credit note takes the next CN- number and cannot be changed.</Text>
            <Select label="Reason" data={REASONS} value={form.reason} allowDeselect={false} onChange={(v) => setForm({ ...form, reason: v ?? 'other' })} error={errors['reason']} />
            <TextInput label={`Amount (${invoice.currency})`} description="A positive decimal, at most what is left to credit" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.currentTarget.value })} error={errors['amount']} required inputMode="decimal" />
            <Select
              label="Method"
              data={[
                { value: 'credit', label: 'Credit: applied to the next invoices' },
                { value: 'refund', label: 'Refund: paid back to the card', disabled: !paid },
              ]}
              value={form.method}
              allowDeselect={false}
              onChange={(v) => setForm({ ...form, method: v ?? 'credit' })}
              error={errors['method']}
            />
            <Textarea label="Memo" value={form.memo} onChange={(e) => setForm({ ...form, memo: e.currentTarget.value })} maxLength={500} error={errors['memo']} />
            <ErrorAlert error={error} title="The credit note was not issued" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Issue credit note
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ChangePlan({ id, current, onChanged }: { id: string; current: string; onChanged: () => unknown }) {
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api<{ plans: Plan[] }>('/plans'), staleTime: 60_000 });
  const [planId, setPlanId] = useState<string | null>(null);
  const choices = (plans.data?.plans ?? []).filter((p) => p.id !== current).map((p) => ({ value: p.id, label: `${p.name} (${p.basePrice} a month)` }));
  return (
    <Group gap="xs" align="flex-end">
      <Select label="Change plan to" placeholder="Choose a plan" data={choices} value={planId} onChange={setPlanId} w={220} size="xs" />
      {planId && (
        <ConfirmButton label="Change plan" size="xs" color="blue" title={`Move from ${current} to ${planId}?`} onConfirm={() => api(`/tenants/${id}/subscription`, { method: 'PUT', body: { planId } }).then(() => onChanged())}>
          A dearer plan applies at once (prorated credit and charge on the next invoice); a cheaper or equal one at the end of the current period.
        </ConfirmButton>
      )}
    </Group>
  );
}
