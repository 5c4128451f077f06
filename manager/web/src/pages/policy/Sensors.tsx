import type { PageProps } from '../routes';

export default function Sensors(_: PageProps) {
  return <p>DLP and WAF sensors: not built yet.</p>;
}
