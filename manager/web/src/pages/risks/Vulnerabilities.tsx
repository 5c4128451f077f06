import type { PageProps } from '../routes';

export default function Vulnerabilities(_: PageProps) {
  return <p>Vulnerabilities: not built yet.</p>;
}
