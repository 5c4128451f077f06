import type { PageProps } from '../routes';

export default function Dashboard(_: PageProps) {
  return <p>Dashboard: not built yet.</p>;
}
