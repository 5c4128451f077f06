import type { PageProps } from '../routes';

export default function Events(_: PageProps) {
  return <p>Events: not built yet.</p>;
}
