import { createContext, useContext, useEffect } from 'react';

/** The record a detail page shows (its code and name), for the breadcrumb the app frame draws. */
export const RecordTitleContext = createContext<(title: string | null) => void>(() => undefined);

/** A detail page names its record in the breadcrumb while it is shown. */
export function useRecordTitle(title: string | null | undefined) {
  const set = useContext(RecordTitleContext);
  useEffect(() => {
    set(title ?? null);
    return () => set(null);
  }, [set, title]);
}
