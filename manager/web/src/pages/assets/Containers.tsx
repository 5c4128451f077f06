import type { PageProps } from '../routes';

export default function Containers(_: PageProps) {
  return <p>Containers: not built yet.</p>;
}
