/** The console's frame: sign-in, then a navigation of pages the key's role may see. */
import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { FormEvent, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ErrorAlert } from './components/common';
import { AdminKeys } from './pages/ApiKeys';
import { AnalyticsSection } from './pages/Analytics';
import { AuditLog } from './pages/Audit';
import { BillingSection, TenantBillingPage } from './pages/Billing';
import { BulkJobsPage } from './pages/BulkJobs';
import { MaintenancePage } from './pages/Maintenance';
import { NotificationsPage, TemplatesPage } from './pages/Notifications';
import { TenantPage } from './pages/Tenant';
import { TenantDashboardPage } from './pages/TenantDashboard';
import { TenantImportsPage } from './pages/TenantImports';
import { TenantsPage } from './pages/Tenants';
import { UsageSummaryPage } from './pages/Usage';
import { WebhooksPage } from './pages/Webhooks';
import { useSession } from './session';

function SignIn() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(key.trim());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w={420} component="main">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              Tenantry console
            </Title>
            <Text size="sm">Sign in with an API key. It is kept in this tab only and forgotten when the tab closes.</Text>
            <PasswordInput label="API key" value={key} onChange={(e) => setKey(e.currentTarget.value)} required autoComplete="off" />
            <ErrorAlert error={error} title="Sign-in refused" />
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

export function App() {
  const { caller, loading, signOut, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  if (loading)
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (!caller) return <SignIn />;
  const home = caller.role === 'tenant-admin' && caller.tenantId ? `/tenants/${caller.tenantId}` : '/tenants';
  const links = [
    { to: home, label: caller.role === 'tenant-admin' ? 'My tenant' : 'Tenants', show: true },
    { to: `/tenants/${caller.tenantId}/dashboard`, label: 'Health', show: caller.role === 'tenant-admin' && Boolean(caller.tenantId) && can('getTenantDashboard') },
    { to: `/tenants/${caller.tenantId}/billing`, label: 'Billing', show: caller.role === 'tenant-admin' && Boolean(caller.tenantId) && can('getSubscription') },
    { to: '/usage', label: 'Usage', show: can('getUsageSummary') },
    { to: '/analytics', label: 'Analytics', show: can('getUsageAnalytics') || can('getComparativeAnalytics') || can('listRetentionCheckIns') },
    { to: '/billing', label: 'Plans and revenue', show: can('listPlans') || can('getRevenue') },
    { to: '/webhooks', label: 'Webhooks', show: can('listWebhookEndpoints') },
    { to: '/admin/api-keys', label: 'API keys', show: can('listApiKeys') },
    { to: '/admin/audit', label: 'Audit log', show: can('listAuditEntries') },
    { to: '/notifications', label: 'Notifications', show: can('listNotifications') },
    { to: '/admin/bulk-jobs', label: 'Bulk operations', show: can('startBulkJob') },
    { to: '/admin/maintenance', label: 'Maintenance', show: can('listMaintenance') },
  ].filter((l) => l.show);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        {/* One line at any width: nothing wraps, the title and the role shorten with an ellipsis instead (the role's full text stays in its title). */}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group wrap="nowrap" gap="xs" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} truncate="end">
              Tenantry console
            </Text>
          </Group>
          <Group wrap="nowrap" gap="xs" miw={0} style={{ flexShrink: 0 }}>
            <Text size="sm" data-testid="role" truncate="end" maw={{ base: 88, sm: 240 }} title={caller.role}>
              {caller.role}
            </Text>
            <Button variant="default" size="xs" onClick={signOut} style={{ flexShrink: 0 }}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label="Pages">
        {links.map((link) => (
          <NavLink key={link.to} component={Link} to={link.to} label={link.label} variant="filled" active={location.pathname.startsWith(link.to)} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route path="/tenants" element={caller.role === 'tenant-admin' ? <Navigate to={home} replace /> : <TenantsPage />} />
            <Route path="/tenants/:id" element={<TenantPage />} />
            <Route path="/tenants/:id/dashboard" element={<TenantDashboardPage />} />
            <Route path="/tenants/:id/billing" element={<TenantBillingPage />} />
            <Route path="/tenants/:id/imports" element={<TenantImportsPage />} />
            <Route path="/analytics/*" element={<AnalyticsSection />} />
            <Route path="/billing/*" element={<BillingSection />} />
            <Route path="/usage" element={<UsageSummaryPage />} />
            <Route path="/webhooks" element={<WebhooksPage />} />
            <Route path="/admin/api-keys" element={<AdminKeys />} />
            <Route path="/admin/audit" element={<AuditLog />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/notifications/templates" element={<TemplatesPage />} />
            <Route path="/admin/bulk-jobs" element={<BulkJobsPage />} />
            <Route path="/admin/maintenance" element={<MaintenancePage />} />
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
