import type { PageProps } from '../routes';

export default function NetworkRules(_: PageProps) {
  return <p>Network rules: not built yet.</p>;
}
