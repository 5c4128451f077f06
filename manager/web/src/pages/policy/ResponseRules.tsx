import type { PageProps } from '../routes';

export default function ResponseRules(_: PageProps) {
  return <p>Response rules: not built yet.</p>;
}
