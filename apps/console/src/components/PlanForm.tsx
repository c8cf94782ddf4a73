/**
 * A plan's form, for a new plan (POST /plans) and for the next version of one (PUT /plans/{id}):
 * base price, trial days and the usage charges per metric with their models. The API checks every
 * value; its refusal is shown at the input it names (`charges.0.tiers.1.upTo`).
 */
import { Button, Fieldset, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api } from '../lib/api';
import { CHARGE_MODELS, ChargeDraft, draftFromPlan, emptyCharge, emptyPlan, emptyTier, Plan, PlanDraft, planBody, planFormFields } from '../lib/plans';
import { ApiError, fieldErrors } from '../lib/problem';
import { ErrorAlert } from './common';

const MODEL_WORDS: Record<(typeof CHARGE_MODELS)[number], string> = {
  standard: 'standard: a price per unit',
  graduated: 'graduated: each tier priced on its own',
  volume: 'volume: every unit at the tier the total reaches',
  package: 'package: a price per block of units',
};

/** "New plan", or "Edit" on a plan's row: opens the form in a dialog. */
export function PlanFormButton({ plan }: { plan?: Plan }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size={plan ? 'xs' : 'sm'} variant={plan ? 'default' : 'filled'} onClick={() => setOpened(true)} aria-label={plan ? `Edit ${plan.name}` : undefined}>
        {plan ? 'Edit' : 'New plan'}
      </Button>
      {opened && <PlanForm plan={plan} onClose={() => setOpened(false)} />}
    </>
  );
}

function PlanForm({ plan, onClose }: { plan?: Plan; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<PlanDraft>(() => (plan ? draftFromPlan(plan) : emptyPlan()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const setCharge = (i: number, change: Partial<ChargeDraft>) => setDraft({ ...draft, charges: draft.charges.map((c, k) => (k === i ? { ...c, ...change } : c)) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      if (plan) await api(`/plans/${encodeURIComponent(plan.id)}`, { method: 'PUT', body: planBody(draft, false) });
      else await api('/plans', { method: 'POST', body: planBody(draft, true) });
      await client.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, planFormFields(draft)) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  const title = plan ? `Edit ${plan.name}: version ${plan.version + 1}` : 'New plan';
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} aria-label={title} noValidate>
        <Stack>
          {plan && (
            <Text size="sm">
              Saving writes version {plan.version + 1} and makes it current for new subscriptions; existing subscriptions keep the version they started on until they change plan.
            </Text>
          )}
          <Group grow align="flex-start" wrap="wrap">
            {!plan && <TextInput label="Plan id" description="Lower case letters, digits and -" value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.currentTarget.value })} error={errors['id']} required />}
            <TextInput label="Name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={errors['name']} required />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label="Base price a month" description="In the tenant's currency, e.g. 49 or 49.90" inputMode="decimal" value={draft.basePrice} onChange={(e) => setDraft({ ...draft, basePrice: e.currentTarget.value })} error={errors['basePrice']} required />
            <TextInput label="Trial days" description="Empty: no trial; else 1 to 365" inputMode="numeric" value={draft.trialDays} onChange={(e) => setDraft({ ...draft, trialDays: e.currentTarget.value })} error={errors['trialDays']} />
          </Group>
          {draft.charges.map((charge, i) => (
            <ChargeFields key={i} index={i} charge={charge} errors={errors} onChange={(change) => setCharge(i, change)} onRemove={() => setDraft({ ...draft, charges: draft.charges.filter((_, k) => k !== i) })} />
          ))}
          {errors['charges'] && (
            <Text c="red.9" size="sm">
              {errors['charges']}
            </Text>
          )}
          <Group>
            <Button variant="default" onClick={() => setDraft({ ...draft, charges: [...draft.charges, emptyCharge()] })}>
              Add a usage charge
            </Button>
          </Group>
          <ErrorAlert error={error} title={plan ? 'The new version was not saved' : 'The plan was not created'} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {plan ? `Save version ${plan.version + 1}` : 'Create plan'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ChargeFields({ index, charge, errors, onChange, onRemove }: { index: number; charge: ChargeDraft; errors: Record<string, string>; onChange: (change: Partial<ChargeDraft>) => void; onRemove: () => void }) {
  const at = `charges.${index}`;
  const tiered = charge.model === 'graduated' || charge.model === 'volume';
  const setTier = (j: number, change: Partial<ChargeDraft['tiers'][number]>) => onChange({ tiers: charge.tiers.map((t, k) => (k === j ? { ...t, ...change } : t)) });
  return (
    <Fieldset legend={`Usage charge ${index + 1}`} data-testid={`charge-${index}`}>
      <Stack gap="xs">
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label="Metric" description="e.g. api_calls, storage_bytes" value={charge.metric} onChange={(e) => onChange({ metric: e.currentTarget.value })} error={errors[`${at}.metric`]} required />
          <NativeSelect label="Charge model" data={CHARGE_MODELS.map((m) => ({ value: m, label: MODEL_WORDS[m] }))} value={charge.model} onChange={(e) => onChange({ model: e.currentTarget.value as ChargeDraft['model'] })} error={errors[`${at}.model`]} />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label="Included quantity" description="Units a period in the base price" inputMode="decimal" value={charge.includedQuantity} onChange={(e) => onChange({ includedQuantity: e.currentTarget.value })} error={errors[`${at}.includedQuantity`]} />
          <TextInput label="Flat fee" description="Once a period with billable usage (optional)" inputMode="decimal" value={charge.flatFee} onChange={(e) => onChange({ flatFee: e.currentTarget.value })} error={errors[`${at}.flatFee`]} />
        </Group>
        {charge.model === 'standard' && <TextInput label="Unit price" description="The price of one unit, e.g. 0.0005" inputMode="decimal" value={charge.unitPrice} onChange={(e) => onChange({ unitPrice: e.currentTarget.value })} error={errors[`${at}.unitPrice`]} required />}
        {charge.model === 'package' && (
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label="Block size" description="Units per block; a started block counts" inputMode="decimal" value={charge.packageSize} onChange={(e) => onChange({ packageSize: e.currentTarget.value })} error={errors[`${at}.packageSize`]} required />
            <TextInput label="Block price" inputMode="decimal" value={charge.packagePrice} onChange={(e) => onChange({ packagePrice: e.currentTarget.value })} error={errors[`${at}.packagePrice`]} required />
          </Group>
        )}
        {tiered && (
          <Stack gap={4} role="group" aria-label={`Tiers of usage charge ${index + 1}`}>
            <Text size="sm">Tiers, bounds increasing; leave the last one&apos;s bound empty (unbounded).</Text>
            {charge.tiers.map((tier, j) => (
              <Group key={j} grow align="flex-start" wrap="wrap">
                <TextInput label={`Tier ${j + 1} up to`} inputMode="decimal" placeholder="unbounded" value={tier.upTo} onChange={(e) => setTier(j, { upTo: e.currentTarget.value })} error={errors[`${at}.tiers.${j}.upTo`]} />
                <TextInput label={`Tier ${j + 1} unit price`} inputMode="decimal" value={tier.unitPrice} onChange={(e) => setTier(j, { unitPrice: e.currentTarget.value })} error={errors[`${at}.tiers.${j}.unitPrice`]} required />
                <TextInput label={`Tier ${j + 1} flat fee`} inputMode="decimal" value={tier.flatFee} onChange={(e) => setTier(j, { flatFee: e.currentTarget.value })} error={errors[`${at}.tiers.${j}.flatFee`]} />
              </Group>
            ))}
            {errors[`${at}.tiers`] && (
              <Text c="red.9" size="sm">
                {errors[`${at}.tiers`]}
              </Text>
            )}
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => onChange({ tiers: [...charge.tiers, emptyTier()] })}>
                Add a tier
              </Button>
              {charge.tiers.length > 1 && (
                <Button size="xs" variant="default" onClick={() => onChange({ tiers: charge.tiers.slice(0, -1) })}>
                  Remove the last tier
                </Button>
              )}
            </Group>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onRemove}>
            Remove usage charge {index + 1}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
