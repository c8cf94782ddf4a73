/** Who is signed in: the key (session storage) and what GET /me says it may do. */
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, Caller, keyStore } from './lib/api';

interface Session {
  caller: Caller | undefined;
  loading: boolean;
  signIn(key: string): Promise<void>;
  signOut(): void;
  /** Whether the key's role may call the operation (an operationId of the API). */
  can(operation: string): boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [hasKey, setHasKey] = useState(() => keyStore.get() !== null);
  const me = useQuery({ queryKey: ['me'], queryFn: () => api<Caller>('/me'), enabled: hasKey, retry: false, staleTime: 60_000 });
  const signIn = useCallback(
    async (key: string) => {
      const caller = await api<Caller>('/me', { key });
      keyStore.set(key);
      client.clear();
      client.setQueryData(['me'], caller);
      setHasKey(true);
    },
    [client],
  );
  const signOut = useCallback(() => {
    keyStore.clear();
    client.clear();
    setHasKey(false);
  }, [client]);
  const caller = hasKey && !me.isError ? me.data : undefined;
  const value = useMemo<Session>(
    () => ({ caller, loading: hasKey && me.isPending, signIn, signOut, can: (operation) => caller?.operations.some((o) => o.operation === operation) ?? false }),
    [caller, hasKey, me.isPending, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
