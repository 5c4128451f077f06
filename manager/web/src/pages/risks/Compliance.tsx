import type { PageProps } from '../routes';

export default function Compliance(_: PageProps) {
  return <p>Compliance: not built yet.</p>;
}
