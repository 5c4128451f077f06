import type { PageProps } from '../routes';

export default function ApiKeys(_: PageProps) {
  return <p>API keys: not built yet.</p>;
}
