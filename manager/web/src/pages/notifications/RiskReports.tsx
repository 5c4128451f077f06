import type { PageProps } from '../routes';

export default function RiskReports(_: PageProps) {
  return <p>Risk reports: not built yet.</p>;
}
