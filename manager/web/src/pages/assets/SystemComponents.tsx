import type { PageProps } from '../routes';

export default function SystemComponents(_: PageProps) {
  return <p>Enforcers, controllers, scanners: not built yet.</p>;
}
