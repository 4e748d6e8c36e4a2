import { useSyncExternalStore } from 'react';
import type { Me } from '@/lib/api/types';
import { sessionStore, type SessionSnapshot } from './session';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore((listener) => sessionStore.subscribe(listener), sessionStore.getSnapshot);
}

/** The signed-in user; only call below <RequireAuth>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe() outside an authenticated route');
  return me;
}

/** Cosmetic permission check: the server decides. */
export function hasPermission(me: Me | null, permission: string | undefined): boolean {
  if (!permission) return true;
  return !!me?.permissions.includes(permission);
}
