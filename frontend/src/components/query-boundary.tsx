import type { UseQueryResult } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { QueryError, type NotFound } from './query-error';

interface QueryBoundaryProps<T> {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isLoading' | 'refetch'>;
  /** Shown while the first load runs; a detail page passes a skeleton. */
  fallback?: ReactNode;
  /** A detail page's message and way back when its record is missing or out of scope. */
  notFound?: NotFound;
  /** Shown instead of the content when the data is an empty list. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** A query's three faces: a spinner while it loads, the error (with 重试) when it fails, the
 * content once its data is there. A disabled query with no data shows nothing. */
export function QueryBoundary<T>({ query, fallback = <Spin />, notFound, empty, children }: QueryBoundaryProps<T>) {
  if (query.isLoading) return fallback;
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} notFound={notFound} />;
  if (query.data === undefined) return null;
  if (empty !== undefined && Array.isArray(query.data) && query.data.length === 0) return empty;
  return children(query.data);
}
