import type { PageProps } from '../routes';

export default function Roles(_: PageProps) {
  return <p>Roles: not built yet.</p>;
}
