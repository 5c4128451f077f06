import type { ReactNode } from 'react';
import type { Async } from './useAsync';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {what}…
    </div>
  );
}

export function Empty({ children = 'Nothing here yet.' }: { children?: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <strong>Could not load:</strong> {error.message}
      {retry && (
        <button type="button" className="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Shows loading, error or empty for an async value, else renders it. */
export function AsyncView<T>({
  value,
  empty,
  isEmpty,
  children,
}: {
  value: Async<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (value.error) return <ErrorBox error={value.error} retry={value.reload} />;
  if (value.data === undefined) return <Loading />;
  if (isEmpty?.(value.data)) return <Empty>{empty}</Empty>;
  return <>{children(value.data)}</>;
}
