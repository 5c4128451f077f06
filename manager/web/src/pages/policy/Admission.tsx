import type { PageProps } from '../routes';

export default function Admission(_: PageProps) {
  return <p>Admission control: not built yet.</p>;
}
