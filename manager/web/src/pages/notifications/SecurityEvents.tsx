import type { PageProps } from '../routes';

export default function SecurityEvents(_: PageProps) {
  return <p>Security events: not built yet.</p>;
}
