import type { PageProps } from '../routes';

export default function Nodes(_: PageProps) {
  return <p>Nodes: not built yet.</p>;
}
