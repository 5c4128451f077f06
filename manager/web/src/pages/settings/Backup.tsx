import type { PageProps } from '../routes';

export default function Backup(_: PageProps) {
  return <p>Backup and restore: not built yet.</p>;
}
