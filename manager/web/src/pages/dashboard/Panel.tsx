import { useId, type ReactNode } from 'react';
import { AsyncView } from '../../components/States';
import type { Async } from '../../components/useAsync';

/** A dashboard panel: a titled region that shows its own loading, empty and error states. */
export function Panel<T>({
  title,
  value,
  isEmpty,
  empty,
  more,
  className,
  children,
}: {
  title: string;
  value: Async<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** A link to the page with all of it. */
  more?: ReactNode;
  className?: string;
  children: (data: T) => ReactNode;
}) {
  const id = useId();
  return (
    <section className={`panel dash-panel ${className ?? ''}`} aria-labelledby={id} aria-busy={value.loading}>
      <header className="dash-panel-head">
        <h2 id={id}>{title}</h2>
        {more}
      </header>
      <AsyncView value={value} isEmpty={isEmpty} empty={empty}>
        {children}
      </AsyncView>
    </section>
  );
}
