import type { components } from './schema';

/** Generated schema models, aliased once so feature code reads naturally. */
export type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type TokenResponse = Schemas['TokenResponse'];
export type EnumOption = Schemas['EnumItem'];
export type EnumsRead = Schemas['Enums'];
export type Role = Schemas['Role'];
export type UnitKind = Schemas['UnitKind'];
export type Problem = Schemas['Problem'];

/** Shape shared by every keyset-paginated list response. */
export interface CursorPage<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number | null;
}
