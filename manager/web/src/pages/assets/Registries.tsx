import type { PageProps } from '../routes';

export default function Registries(_: PageProps) {
  return <p>Registries: not built yet.</p>;
}
