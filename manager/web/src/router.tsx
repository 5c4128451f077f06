import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

// Hash routes (#/policy/groups?name=x): the manager serves one index.html, and a reload keeps the page.

export interface Location {
  path: string;
  params: URLSearchParams;
}

export function currentLocation(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?', 2);
  return { path: path || '/', params: new URLSearchParams(query) };
}

export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const changed = () => setLocation(currentLocation());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return location;
}

export function href(path: string, params?: Record<string, string>): string {
  const query = params ? new URLSearchParams(params).toString() : '';
  return `#${path}${query ? `?${query}` : ''}`;
}

export function navigate(path: string, params?: Record<string, string>): void {
  window.location.hash = href(path, params).slice(1);
}

export function Link({
  to,
  params,
  children,
  className,
}: {
  to: string;
  params?: Record<string, string>;
  children: ReactNode;
  className?: string;
}) {
  const onClick = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(to, params);
  };
  return (
    <a href={href(to, params)} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
